using Marketplace.Domain.Venues;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Venues;

/// <summary>The venue form and its rules; every message names the field it is about.</summary>
public sealed class VenueInput
{
    [SingleLine]
    public string? Name { get; set; }
    [SingleLine]
    public string? Address { get; set; }
    public VenueKind? Kind { get; set; }
    public int? MunicipalityId { get; set; }
    /// <summary>Decimal degrees, with a point or a comma.</summary>
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }

    public static VenueInput From(Venue venue) => new()
    {
        Name = venue.Name,
        Address = venue.Address,
        Kind = venue.Kind,
        MunicipalityId = venue.MunicipalityId,
        Latitude = FormValues.Invariant(venue.Latitude),
        Longitude = FormValues.Invariant(venue.Longitude),
    };

    public void Validate(ModelStateDictionary state, IStringLocalizer text, IReadOnlySet<int> municipalities)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            state.TryAddModelError(Key(nameof(Name)), text["Validation.Required", text["Field.VenueName"]]);
        }
        else if (Name.Trim().Length > 160)
        {
            state.TryAddModelError(Key(nameof(Name)), text["Validation.MaxLength", text["Field.VenueName"], 160]);
        }
        if (Address is { Length: > 0 } && Address.Trim().Length > 300)
        {
            state.TryAddModelError(Key(nameof(Address)), text["Validation.MaxLength", text["Field.Address"], 300]);
        }
        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            state.TryAddModelError(Key(nameof(Kind)), text["Validation.Choose", text["Field.VenueKind"]]);
        }
        if (MunicipalityId is not { } municipality || !municipalities.Contains(municipality))
        {
            state.TryAddModelError(Key(nameof(MunicipalityId)), text["Validation.Choose", text["Field.Municipality"]]);
        }
        if (!FormValues.TryDouble(Latitude, out var latitude) || latitude is < -90 or > 90)
        {
            state.TryAddModelError(Key(nameof(Latitude)), text["Validation.Latitude"]);
        }
        if (!FormValues.TryDouble(Longitude, out var longitude) || longitude is < -180 or > 180)
        {
            state.TryAddModelError(Key(nameof(Longitude)), text["Validation.Longitude"]);
        }
    }

    /// <summary>Writes the accepted input onto the venue.</summary>
    public void ApplyTo(Venue venue)
    {
        venue.Name = Name!.Trim();
        venue.Address = string.IsNullOrWhiteSpace(Address) ? null : Address.Trim();
        venue.Kind = Kind!.Value;
        venue.MunicipalityId = MunicipalityId!.Value;
        FormValues.TryDouble(Latitude, out var latitude);
        FormValues.TryDouble(Longitude, out var longitude);
        venue.Latitude = latitude;
        venue.Longitude = longitude;
    }

    public static string Key(string property) => "Input." + property;
}
