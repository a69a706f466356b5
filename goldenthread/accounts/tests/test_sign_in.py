from django.urls import reverse

from goldenthread.partnerships.tests.factories import UserFactory


def test_a_person_signs_in_and_out(client, db):
    UserFactory(username="mandy", first_name="Mandy")
    response = client.post(
        reverse("login"), {"username": "mandy", "password": "correct horse battery"}, follow=True
    )
    assert "Sign out Mandy" in response.content.decode()

    response = client.post(reverse("logout"), follow=True)
    assert "Sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_explained(client, db):
    UserFactory(username="mandy")
    response = client.post(reverse("login"), {"username": "mandy", "password": "wrong"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Please enter a correct username and password" in page
