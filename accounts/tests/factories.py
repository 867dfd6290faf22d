import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from accounts.models import User

PASSWORD = "Correct-Horse-42"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.kz")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    email_verified = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        self.save()
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
