"""The register's public pages and its representatives' self-service pages (the staff
workspace is registry.staff)."""
