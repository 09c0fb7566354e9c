using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Hosting;

/// <summary>Model binding's built-in messages ("The value '' is invalid.") in the visitor's language.</summary>
public static class ModelBindingMessages
{
    public static void Localize(DefaultModelBindingMessageProvider provider, IStringLocalizer localizer)
    {
        provider.SetAttemptedValueIsInvalidAccessor((value, field) => localizer["Binding.AttemptedValueIsInvalid", value, field]);
        provider.SetMissingBindRequiredValueAccessor(field => localizer["Binding.MissingValue", field]);
        provider.SetMissingKeyOrValueAccessor(() => localizer["Binding.MissingKeyOrValue"]);
        provider.SetMissingRequestBodyRequiredValueAccessor(() => localizer["Binding.MissingBody"]);
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["Binding.NonPropertyInvalid", value]);
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["Binding.UnknownValueInvalid"]);
        provider.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Binding.MustBeNumber"]);
        provider.SetUnknownValueIsInvalidAccessor(field => localizer["Binding.UnknownFieldValueInvalid", field]);
        provider.SetValueIsInvalidAccessor(value => localizer["Binding.ValueIsInvalid", value]);
        provider.SetValueMustBeANumberAccessor(field => localizer["Binding.FieldMustBeNumber", field]);
        provider.SetValueMustNotBeNullAccessor(value => localizer["Binding.ValueMustNotBeNull", value]);
    }
}
