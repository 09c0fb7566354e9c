using Marketplace.Web.Hosting;
using System.Text.RegularExpressions;
using Marketplace.Domain.Producers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Producers;

/// <summary>The assisted registration form and its rules; every message names the field it is about.</summary>
public sealed partial class ProducerInput
{
    [SingleLine]
    public string? DisplayName { get; set; }
    public OrganizationType? OrganizationType { get; set; }
    [SingleLine]
    public string? Community { get; set; }
    public int? MunicipalityId { get; set; }
    /// <summary>DNI (Peru, 8 digits) or CPF (Brazil, 11 digits); dots, dashes and spaces are ignored.</summary>
    public string? NationalId { get; set; }
    public string? Phone { get; set; }

    /// <summary>The national ID as digits only, once <see cref="Validate"/> accepted it.</summary>
    public string? NationalIdDigits => Domain.Producers.NationalId.Normalize(NationalId);

    public void Validate(ModelStateDictionary state, IStringLocalizer text, IReadOnlySet<int> municipalities)
    {
        Text(state, text, nameof(DisplayName), DisplayName, "Field.DisplayName", 160, required: true);
        Text(state, text, nameof(Community), Community, "Field.Community", 160, required: true);
        if (OrganizationType is not { } type || !Enum.IsDefined(type))
        {
            state.TryAddModelError(Key(nameof(OrganizationType)), text["Validation.Choose", text["Field.OrganizationType"]]);
        }
        if (MunicipalityId is not { } municipality || !municipalities.Contains(municipality))
        {
            state.TryAddModelError(Key(nameof(MunicipalityId)), text["Validation.Choose", text["Field.Municipality"]]);
        }
        if (string.IsNullOrWhiteSpace(NationalId))
        {
            state.TryAddModelError(Key(nameof(NationalId)), text["Validation.Required", text["Field.NationalId"]]);
        }
        else if (NationalIdDigits is null)
        {
            state.TryAddModelError(Key(nameof(NationalId)), text["Validation.NationalId"]);
        }
        if (!string.IsNullOrWhiteSpace(Phone))
        {
            var phone = Phone.Trim();
            if (phone.Length > 32 || !PhonePattern().IsMatch(phone))
            {
                state.TryAddModelError(Key(nameof(Phone)), text["Validation.Phone"]);
            }
        }
    }

    private static void Text(ModelStateDictionary state, IStringLocalizer text, string property, string? value,
        string label, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                state.TryAddModelError(Key(property), text["Validation.Required", text[label]]);
            }
        }
        else if (value.Trim().Length > maxLength)
        {
            state.TryAddModelError(Key(property), text["Validation.MaxLength", text[label], maxLength]);
        }
    }

    private static string Key(string property) => "Input." + property;

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,}$")]
    private static partial Regex PhonePattern();
}
