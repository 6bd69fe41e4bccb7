"""Password rules: checked when a user changes their password, met by generated passwords."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.urls import reverse

from tera.audit.models import AuditEntry
from tera.organizations.actions import new_password
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
NEW = "Sinar-Senja-Gorontalo-7"


def change(client, new, old=PASSWORD):
    return client.post(
        reverse("accounts:account"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("Pendek-1", "password_too_short"),
        ("password123", "password_too_common"),
        ("8213456790123", "password_entirely_numeric"),
        ("staf-kominfo!", "password_too_similar"),
    ],
)
def test_a_password_against_a_rule_is_refused_at_change(client, opd_member, password, rule):
    client.force_login(opd_member)
    response = change(client, password)
    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()["new_password2"]
    assert rule in {error.code for error in errors}
    opd_member.refresh_from_db()
    assert opd_member.check_password(PASSWORD)


def test_a_wrong_old_password_changes_nothing(client, opd_member):
    client.force_login(opd_member)
    assert change(client, NEW, old="bukan-kata-sandinya").status_code == 400
    opd_member.refresh_from_db()
    assert opd_member.check_password(PASSWORD)


def test_a_good_password_is_stored_and_the_user_stays_logged_in(client, opd_member):
    client.force_login(opd_member)
    response = change(client, NEW)
    assert response["Location"] == reverse("accounts:account")
    opd_member.refresh_from_db()
    assert opd_member.check_password(NEW)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_a_password_change_is_audited_without_the_password(client, opd_member):
    client.force_login(opd_member)
    change(client, NEW)
    entry = AuditEntry.objects.get(action="account.password_change")
    assert entry.actor_name == "staf-kominfo"
    assert NEW not in str(entry.before) + str(entry.after)


def test_generated_one_time_passwords_meet_the_rules(opd_member):
    for _ in range(200):
        validate_password(new_password(), user=opd_member)


def test_the_top_bar_links_to_the_account_page(client, opd_member):
    client.force_login(opd_member)
    page = client.get(reverse("notifications:list")).content.decode()
    assert f'href="{reverse("accounts:account")}"' in page
