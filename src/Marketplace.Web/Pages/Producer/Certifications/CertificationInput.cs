using Marketplace.Domain.Certifications;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.ProducerArea.Certifications;

/// <summary>
/// The "add a certification" form and its rules: a third-party certification names its certifier
/// and code, a participatory guarantee its group; the dates run forwards and have not all passed.
/// Fields that do not belong to the chosen kind are dropped rather than refused (the form shows
/// them all, since it works without JavaScript).
/// </summary>
public sealed class CertificationInput
{
    public CertificationKind? Kind { get; set; }
    [SingleLine]
    public string? Certifier { get; set; }
    [SingleLine]
    public string? Code { get; set; }
    [SingleLine]
    public string? GroupName { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public IFormFile? Document { get; set; }

    public void Validate(ModelStateDictionary state, IStringLocalizer text, DateOnly today)
    {
        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            state.TryAddModelError(Key(nameof(Kind)), text["Validation.Choose", text["Field.Kind"]]);
        }
        var thirdParty = Kind == CertificationKind.ThirdPartyOrganic;
        var group = Kind == CertificationKind.ParticipatoryGuarantee;
        Text(state, text, nameof(Certifier), Certifier, "Field.Certifier", 160, required: thirdParty);
        Text(state, text, nameof(Code), Code, "Field.Code", 80, required: thirdParty);
        Text(state, text, nameof(GroupName), GroupName, "Field.GroupName", 160, required: group);
        if (ValidFrom is null && state.GetFieldValidationState(Key(nameof(ValidFrom))) != ModelValidationState.Invalid)
        {
            state.TryAddModelError(Key(nameof(ValidFrom)), text["Validation.Required", text["Field.ValidFrom"]]);
        }
        if (ValidTo is null && state.GetFieldValidationState(Key(nameof(ValidTo))) != ModelValidationState.Invalid)
        {
            state.TryAddModelError(Key(nameof(ValidTo)), text["Validation.Required", text["Field.ValidTo"]]);
        }
        if (ValidFrom is { } from && ValidTo is { } to)
        {
            if (to < from)
            {
                state.TryAddModelError(Key(nameof(ValidTo)), text["Validation.ValidToBeforeFrom"]);
            }
            else if (to < today)
            {
                state.TryAddModelError(Key(nameof(ValidTo)), text["Validation.Expired"]);
            }
        }
        if (Document is not { Length: > 0 })
        {
            state.TryAddModelError(Key(nameof(Document)), text["Validation.DocumentRequired"]);
        }
    }

    public Certification ToCertification(int producerId, Guid documentFileId, DateTime utcNow)
    {
        var kind = Kind!.Value;
        return new Certification
        {
            ProducerId = producerId,
            Kind = kind,
            Certifier = kind == CertificationKind.ParticipatoryGuarantee ? null : Trimmed(Certifier),
            Code = kind == CertificationKind.ParticipatoryGuarantee ? null : Trimmed(Code),
            GroupName = kind == CertificationKind.ThirdPartyOrganic ? null : Trimmed(GroupName),
            ValidFrom = ValidFrom!.Value,
            ValidTo = ValidTo!.Value,
            DocumentFileId = documentFileId,
            Status = CertificationStatus.Pending,
            CreatedAtUtc = utcNow,
        };
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
}
