"""The salon's reviews: read them all (hidden ones with the moderators' reason), reply once."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.reviews.errors import ReviewError
from creneau.reviews.models import REPLY_MAX_LENGTH, Review
from creneau.reviews.selectors import rating_summary, salon_reviews
from creneau.reviews.services import review_reply


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your public reply"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@require_http_methods(["GET", "HEAD"])
@salon_view(manager=True)
def review_list(request: SalonRequest) -> HttpResponse:
    business = request.salon
    page = Paginator(salon_reviews(actor=request.user, business=business), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "backoffice/reviews.html",
        {
            "rating": rating_summary(business=business),
            "page_obj": page,
            "reviews": page.object_list,
            "reply_form": ReplyForm(),
            "query_string": "",
            "section": "reviews",
        },
    )


@require_POST
@salon_view(manager=True)
def review_reply_view(request: SalonRequest, pk: int) -> HttpResponse:
    review = Review.objects.filter(pk=pk, business=request.salon).first()
    if review is None:
        raise Http404
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            review_reply(review=review, actor=request.user, text=form.cleaned_data["text"])
        except ReviewError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Your reply is published."))
    else:
        messages.error(request, _("Write the reply first (2000 characters at most)."))
    return redirect("backoffice:reviews", salon=request.salon.slug)
