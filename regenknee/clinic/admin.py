from django.contrib import admin

from regenknee.editorial.admin import ReviewedContentAdmin
from regenknee.editorial.translation_admin import TranslationAdmin

from .models import (
    ClinicProfile,
    ClinicProfileTranslation,
    ProgrammeEntry,
    ProgrammeEntryTranslation,
)


class ThroughReviewAdmin(ReviewedContentAdmin):
    """Every change, even a reviewer's, becomes a revision: the public sees the clinic's
    details only once approved, with the review line that approval records."""

    readonly_fields = ("status", "reviewed_on", "review_due", "reviewed_by")

    def saves_directly(self, request, obj) -> bool:
        return False


@admin.register(ClinicProfile)
class ClinicProfileAdmin(ThroughReviewAdmin):
    list_display = ("name", "status", "reviewed_on")

    def has_add_permission(self, request):
        # One profile: once it exists, it is changed, never added again (the model refuses too).
        return super().has_add_permission(request) and not ClinicProfile.objects.exists()


@admin.register(ProgrammeEntry)
class ProgrammeEntryAdmin(ThroughReviewAdmin):
    list_display = ("treatment", "product", "regulation", "status", "position")
    prepopulated_fields = {"slug": ("treatment",)}


@admin.register(ClinicProfileTranslation)
class ClinicProfileTranslationAdmin(TranslationAdmin):
    list_display = ("__str__", "language", "up_to_date")


@admin.register(ProgrammeEntryTranslation)
class ProgrammeEntryTranslationAdmin(TranslationAdmin):
    list_display = ("treatment", "language", "source", "up_to_date")
