"""The page where users make and revoke their own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tera.api.access import get_token_for_user
from tera.api.actions import create_token, revoke_token
from tera.api.forms import TokenForm
from tera.api.models import ApiToken


def _page(
    request: HttpRequest, form: TokenForm, secret: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "tokens": ApiToken.objects.filter(user_id=request.user.pk),
        "form": form,
        "secret": secret,
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    return _page(request, TokenForm())


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """The secret is rendered once in this response, never stored in a session or message."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    _token, secret = create_token(
        request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
    )
    response = _page(request, TokenForm(), secret=secret)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_token_for_user(request.user, pk)
    revoke_token(token, user=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("tokens:list")
