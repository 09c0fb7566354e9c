using Marketplace.Domain.Common;

namespace Marketplace.Domain.Subscriptions;

/// <summary>
/// A resident's e-mail alert, without an account: a place (a municipality, a corridor, or a
/// point with a radius), optional product categories, and the language of its mails. Nothing
/// is sent but the confirmation until the address is confirmed (double opt-in). The next weekly
/// digest is due work: a due time in the row, claimed by the job with a conditional update.
/// </summary>
public class Subscription
{
    public static readonly TimeSpan DigestInterval = TimeSpan.FromDays(7);
    /// <summary>How far ahead a digest looks: the coming two weeks.</summary>
    public static readonly TimeSpan DigestHorizon = TimeSpan.FromDays(14);
    /// <summary>An unconfirmed subscription is deleted after this: no data kept for nothing.</summary>
    public static readonly TimeSpan ConfirmationWindow = TimeSpan.FromDays(7);
    public const double MaxRadiusKm = 200;

    public int Id { get; set; }
    public required string Email { get; set; }
    public required string Culture { get; set; }
    public int? MunicipalityId { get; set; }
    public int? CorridorId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public double? RadiusKm { get; set; }
    public List<SubscriptionProduct> Products { get; set; } = [];
    /// <summary>SHA-256 of the secret token of the subscription's links (lookups).</summary>
    public required string TokenHash { get; set; }
    /// <summary>The token itself, encrypted with the site's data-protection keys: every mail repeats the links.</summary>
    public required string TokenCipher { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ConfirmedAtUtc { get; set; }
    /// <summary>When the next digest is due; null until confirmed.</summary>
    public DateTime? NextDigestAtUtc { get; set; }
    public DateTime? LastDigestAtUtc { get; set; }

    public bool IsConfirmed => ConfirmedAtUtc is not null;

    /// <summary>Sets the place: exactly one of a municipality, a corridor, or a point with a radius.</summary>
    public void PlaceAt(SubscriptionPlace place)
    {
        MunicipalityId = place.MunicipalityId;
        CorridorId = place.CorridorId;
        Latitude = place.Latitude;
        Longitude = place.Longitude;
        RadiusKm = place.RadiusKm;
    }

    public SubscriptionPlace Place => new(MunicipalityId, CorridorId, Latitude, Longitude, RadiusKm);

    /// <summary>Confirms the address; the first digest is due at once, then every week.</summary>
    public void Confirm(DateTime utcNow)
    {
        if (IsConfirmed)
        {
            return;
        }
        ConfirmedAtUtc = utcNow;
        NextDigestAtUtc = utcNow;
    }

    /// <summary>The product rule: no categories chosen means every fair day; else one of them must be sold there.</summary>
    public bool WantsAnyOf(IEnumerable<int> productCategoryIds) =>
        Products.Count == 0 || Products.Any(p => productCategoryIds.Contains(p.ProductCategoryId));
}

public class SubscriptionProduct
{
    public int SubscriptionId { get; set; }
    public int ProductCategoryId { get; set; }
}

/// <summary>Where a subscription looks: a municipality, a corridor, or a point with a radius in km.</summary>
public sealed record SubscriptionPlace(int? MunicipalityId, int? CorridorId, double? Latitude, double? Longitude, double? RadiusKm)
{
    public static SubscriptionPlace InMunicipality(int id) => new(id, null, null, null, null);
    public static SubscriptionPlace InCorridor(int id) => new(null, id, null, null, null);

    public static SubscriptionPlace Around(double latitude, double longitude, double radiusKm)
    {
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), "A point is latitude -90..90, longitude -180..180.");
        }
        if (radiusKm is <= 0 or > Subscription.MaxRadiusKm)
        {
            throw new ArgumentOutOfRangeException(nameof(radiusKm), $"The radius is above 0 and at most {Subscription.MaxRadiusKm} km.");
        }
        return new(null, null, latitude, longitude, radiusKm);
    }

    /// <summary>Whether a venue (its municipality, that municipality's corridor, its coordinates) is in the place.</summary>
    public bool Covers(int venueMunicipalityId, int? venueCorridorId, double venueLatitude, double venueLongitude)
    {
        if (MunicipalityId is { } municipality)
        {
            return municipality == venueMunicipalityId;
        }
        if (CorridorId is { } corridor)
        {
            return corridor == venueCorridorId;
        }
        if (Latitude is { } lat && Longitude is { } lon && RadiusKm is { } km)
        {
            return GreatCircle.DistanceKm(lat, lon, venueLatitude, venueLongitude) <= km;
        }
        return false;
    }
}
