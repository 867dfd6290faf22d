from django.urls import path

from . import contract_staff_views

# Its own menu entry, beside (not under) the competitions: /<lang>/staff/contracts/.
app_name = "tenders_contracts"
urlpatterns = [path("", contract_staff_views.contract_list, name="list")]
