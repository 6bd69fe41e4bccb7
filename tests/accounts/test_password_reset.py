"""Forgot password: an e-mailed link sets a new password; unknown addresses learn nothing."""

import re

import pytest
from django.urls import reverse

from tera.accounts.models import LoginThrottle
from tera.audit.models import AuditEntry
from tests.accounts.conftest import fail, log_in

pytestmark = pytest.mark.django_db
ADDRESS = "koordinator@kotasatu.go.id"
NEW = "Sinar-Senja-Gorontalo-7"


@pytest.fixture
def koordinator_with_address(koordinator):
    koordinator.email = ADDRESS
    koordinator.save(update_fields=["email"])
    return koordinator


def ask_for_link(client, address=ADDRESS, **extra):
    return client.post(reverse("accounts:password_reset"), {"email": address}, **extra)


def link_in(mail):
    return re.search(r"https?://\S+", mail.body).group()


def path_of(link):
    return re.sub(r"^https?://[^/]+", "", link)


def page_text(response):
    """The page without its CSRF tokens, which are masked afresh on every response."""
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())


def set_password(client, link, new=NEW):
    """Open the link as the e-mail's reader would, then send the form it shows."""
    form_page = client.get(path_of(link), follow=True)
    url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path_of(link)
    return client.post(url, {"new_password1": new, "new_password2": new})


def test_the_login_page_links_to_the_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert f'<a href="{reverse("accounts:password_reset")}">Lupa kata sandi?</a>' in page


def test_a_known_address_gets_one_mail_with_a_link(client, koordinator_with_address, mailoutbox):
    response = ask_for_link(client)
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert [mail.to for mail in mailoutbox] == [[ADDRESS]]
    assert "/masuk/atur-ulang/" in link_in(mailoutbox[0])


def test_the_link_sets_a_password_to_log_in_with(client, koordinator_with_address, mailoutbox):
    ask_for_link(client)
    response = set_password(client, link_in(mailoutbox[0]))
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert log_in(client, "koordinator", NEW)["Location"] == reverse("dashboard")


def test_the_old_password_no_longer_logs_in(client, koordinator_with_address, mailoutbox):
    ask_for_link(client)
    set_password(client, link_in(mailoutbox[0]))
    assert log_in(client, "koordinator").status_code == 200


def test_an_unknown_address_gets_the_same_page_and_no_mail(
    client, koordinator_with_address, mailoutbox
):
    known = ask_for_link(client, follow=True)
    unknown = ask_for_link(client, "bukan-siapa-siapa@kotasatu.go.id", follow=True)
    assert unknown.redirect_chain == known.redirect_chain
    assert page_text(unknown) == page_text(known)
    assert len(mailoutbox) == 1


def test_the_mail_is_in_indonesian_by_default(client, koordinator_with_address, mailoutbox):
    ask_for_link(client)
    assert mailoutbox[0].subject == "Kata sandi baru untuk Tera"
    assert "Tautan ini hanya berlaku sekali." in mailoutbox[0].body


def test_the_mail_is_in_the_language_the_user_chose(client, koordinator_with_address, mailoutbox):
    client.cookies["django_language"] = "en"
    ask_for_link(client)
    assert mailoutbox[0].subject == "A new password for Tera"
    assert "The link works once." in mailoutbox[0].body


def test_the_mail_is_plain_text_and_names_the_account(client, koordinator_with_address, mailoutbox):
    ask_for_link(client)
    mail = mailoutbox[0]
    assert mail.alternatives == []
    assert "“koordinator”" in mail.body


def test_the_link_starts_with_the_base_url_not_the_host_asked(
    client, settings, koordinator_with_address, mailoutbox
):
    settings.TERA_BASE_URL = "https://tera.kotasatu.go.id/"
    settings.ALLOWED_HOSTS = ["penyerang.example"]
    ask_for_link(client, HTTP_HOST="penyerang.example")
    assert link_in(mailoutbox[0]).startswith("https://tera.kotasatu.go.id/masuk/atur-ulang/")


def test_a_used_link_is_refused(client, koordinator_with_address, mailoutbox):
    ask_for_link(client)
    link = link_in(mailoutbox[0])
    set_password(client, link)
    response = set_password(client, link, new="Pelangi-Teluk-Tomini-9")
    assert response.status_code == 200
    assert not response.context["validlink"]
    koordinator_with_address.refresh_from_db()
    assert koordinator_with_address.check_password(NEW)


def test_a_made_up_token_is_refused(client, koordinator_with_address):
    url = reverse("accounts:password_reset_confirm", args=["MQ", "cz1fake-0123456789abcdef"])
    response = client.get(url, follow=True)
    assert not response.context["validlink"]
    assert "Tautan ini tidak berfungsi" in response.content.decode()


def test_a_weak_password_is_refused_with_the_rule(client, koordinator_with_address, mailoutbox):
    ask_for_link(client)
    response = set_password(client, link_in(mailoutbox[0]), new="password123")
    errors = response.context["form"].errors.as_data()["new_password2"]
    assert "password_too_common" in {error.code for error in errors}
    assert "Kata sandi ini terlalu umum." in response.content.decode()
    koordinator_with_address.refresh_from_db()
    assert not koordinator_with_address.check_password("password123")


def test_a_reset_lifts_the_lock_on_the_user_name(client, koordinator_with_address, mailoutbox):
    fail(client, "koordinator", 5)
    ask_for_link(client)
    set_password(client, link_in(mailoutbox[0]))
    assert not LoginThrottle.objects.filter(scope="username", key="koordinator").exists()
    assert log_in(client, "koordinator", NEW, address="198.51.100.9")["Location"] == reverse(
        "dashboard"
    )


def test_a_reset_keeps_the_lock_on_the_address(
    client, settings, koordinator_with_address, mailoutbox
):
    settings.TERA_LOGIN_FAILURES_PER_ADDRESS = 2
    fail(client, "siapa-saja", 2, address="192.0.2.50")
    ask_for_link(client)
    set_password(client, link_in(mailoutbox[0]))
    assert log_in(client, "koordinator", NEW, address="192.0.2.50").status_code == 200


def test_two_step_log_in_still_asks_for_a_code_after_a_reset(
    client, two_step_koordinator, koordinator_with_address, mailoutbox
):
    ask_for_link(client)
    set_password(client, link_in(mailoutbox[0]))
    assert log_in(client, "koordinator", NEW)["Location"] == reverse("accounts:second_step")


def test_a_reset_is_audited_without_the_password(client, koordinator_with_address, mailoutbox):
    fail(client, "koordinator", 5)
    ask_for_link(client)
    set_password(client, link_in(mailoutbox[0]))
    entry = AuditEntry.objects.get(action="account.password_reset")
    assert entry.actor_id == koordinator_with_address.pk
    assert entry.after == {"lock_lifted": True}
    assert NEW not in str(entry.before) + str(entry.after)
