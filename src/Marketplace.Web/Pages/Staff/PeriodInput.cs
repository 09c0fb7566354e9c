using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff;

/// <summary>A period of local dates, as the export and report forms take it, with its checks.</summary>
public static class PeriodInput
{
    public const int MaxDays = 3 * 366;

    /// <summary>Adds field errors for a missing, reversed or too long period; true when it is usable.</summary>
    public static bool Check(ModelStateDictionary modelState, IStringLocalizer<OperationsResource> text,
        DateOnly? from, DateOnly? to)
    {
        if (!modelState.IsValid)
        {
            return false;
        }
        if (from is null)
        {
            modelState.AddModelError("From", text["Validation.Required", text["Field.From"]]);
        }
        if (to is null)
        {
            modelState.AddModelError("To", text["Validation.Required", text["Field.To"]]);
        }
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                modelState.AddModelError("To", text["Validation.ToBeforeFrom"]);
            }
            else if (t.DayNumber - f.DayNumber > MaxDays)
            {
                modelState.AddModelError("To", text["Validation.PeriodTooLong", MaxDays]);
            }
        }
        return modelState.IsValid;
    }
}
