using System.ComponentModel.DataAnnotations;
using Marketplace.Domain.Common;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Hosting;

/// <summary>A name field: refuses control characters and text-reordering marks (<see cref="SingleLineText"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SingleLineAttribute : ValidationAttribute
{
    private const string MessageKey = "Validation.SingleLine";

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (!SingleLineText.HasForbiddenCharacters(value as string))
        {
            return ValidationResult.Success;
        }
        // MVC localizes only the attributes it has an adapter for; this one asks for its text itself.
        var text = validationContext.GetService(typeof(IStringLocalizer<SharedResource>)) as IStringLocalizer;
        return new ValidationResult(text?[MessageKey] ?? MessageKey);
    }
}
