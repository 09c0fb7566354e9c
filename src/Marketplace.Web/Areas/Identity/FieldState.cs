using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Areas.Identity;

/// <summary>Small helpers for the account forms' markup.</summary>
public static class FieldState
{
    /// <summary>"true" for a field with an error (aria-invalid), else null so the attribute is left out.</summary>
    public static string? AriaInvalid(this ModelStateDictionary modelState, string key) =>
        modelState.GetFieldValidationState(key) == ModelValidationState.Invalid ? "true" : null;
}
