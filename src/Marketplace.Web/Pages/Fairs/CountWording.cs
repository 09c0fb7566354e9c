using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// "1 feria", "12 ferias": a counted phrase takes its singular from the key's ".One" twin. One is singular
/// in Spanish, Portuguese and English; every other number, 0 included, takes the plural ("0 feiras" is
/// the usual Brazilian wording on a page).
/// </summary>
public static class CountWording
{
    public static LocalizedString Counted(this IStringLocalizer localizer, string key, int count) =>
        count == 1 ? localizer[key + ".One", count] : localizer[key, count];
}
