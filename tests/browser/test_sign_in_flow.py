"""A new user signs in, enrols an authenticator, keeps backup codes and reaches home."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser_support import PASSWORD, assert_accessible, browser_sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_new_user_enrols_and_reaches_home(live_server, page):
    user = UserFactory(full_name="Nia Jones")
    TOTPDevice.objects.filter(user=user).delete()

    page.goto(f"{live_server.url}/")
    assert "/account/sign-in" in page.url
    assert_accessible(page)

    # Bad input first: the GOV.UK error summary, then the real thing.
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(re.compile(r".*/account/two-factor/set-up"))
    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("Code from your authenticator app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Your backup codes")).to_be_visible()
    assert page.locator("#backup-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="I have kept my codes safe").click()

    expect(page.get_by_role("heading", name="Your work")).to_be_visible()
    expect(page.get_by_text("Nia Jones")).to_be_visible()
    assert_accessible(page)


def test_returning_user_signs_in_with_code_and_signs_out(live_server, page):
    user = UserFactory()
    browser_sign_in(page, live_server, user)
    expect(page.get_by_role("heading", name="Your work")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    assert "/account/sign-in" in page.url


def test_pages_work_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    user = UserFactory()
    page.goto(f"{live_server.url}/account/sign-in")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Security code")).to_be_visible()
    context.close()


def test_the_accessibility_check_can_fail(page):
    page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    with pytest.raises(AssertionError, match="violations"):
        assert_accessible(page)
