using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Pages.Staff;

/// <summary>For forms whose fields are named by hand (several forms of one page, lists of fields).</summary>
public static class FieldErrors
{
    /// <summary>The first error of a field, or null.</summary>
    public static string? ErrorFor(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
