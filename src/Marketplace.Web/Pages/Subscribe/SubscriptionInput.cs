using System.Globalization;
using System.Net.Mail;
using Marketplace.Domain.Subscriptions;
using Marketplace.Infrastructure.Data;
using Marketplace.Web.Pages.Fairs;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Subscribe;

/// <summary>The place and products of an alert (and, when subscribing, the address), with their rules.</summary>
public sealed class SubscriptionInput
{
    public const string ByMunicipality = "municipality";
    public const string ByCorridor = "corridor";
    public const string ByPoint = "point";

    public string? Email { get; set; }
    /// <summary>Which place the alert looks at: municipality, corridor or point.</summary>
    public string? Place { get; set; }
    public int? MunicipalityId { get; set; }
    public int? CorridorId { get; set; }
    /// <summary>"latitude,longitude" in decimal degrees.</summary>
    public string? Near { get; set; }
    public string? Km { get; set; }
    public List<int> Products { get; set; } = [];

    public static SubscriptionInput From(Subscription subscription) => new()
    {
        Place = subscription.MunicipalityId is not null ? ByMunicipality
            : subscription.CorridorId is not null ? ByCorridor : ByPoint,
        MunicipalityId = subscription.MunicipalityId,
        CorridorId = subscription.CorridorId,
        Near = subscription.Latitude is { } lat && subscription.Longitude is { } lon
            ? string.Create(CultureInfo.InvariantCulture, $"{lat},{lon}") : null,
        Km = subscription.RadiusKm?.ToString(CultureInfo.InvariantCulture),
        Products = subscription.Products.Select(p => p.ProductCategoryId).ToList(),
    };

    /// <summary>Checks the address (when asked) and returns the place, or null with field errors.</summary>
    public async Task<SubscriptionPlace?> ValidateAsync(ModelStateDictionary state, IStringLocalizer text,
        MarketplaceDbContext db, bool withEmail, CancellationToken cancellationToken)
    {
        if (withEmail && !IsEmail(Email))
        {
            state.AddModelError("Input.Email", text["Subscribe.EmailInvalid"]);
        }
        var known = await db.ProductCategories.AsNoTracking().Select(c => c.Id).ToListAsync(cancellationToken);
        if (Products.Any(id => !known.Contains(id)))
        {
            state.AddModelError("Input.Products", text["Subscribe.ProductsInvalid"]);
        }
        SubscriptionPlace? place = null;
        switch (Place)
        {
            case ByMunicipality when MunicipalityId is { } m && await db.Municipalities.AnyAsync(x => x.Id == m, cancellationToken):
                place = SubscriptionPlace.InMunicipality(m);
                break;
            case ByMunicipality:
                state.AddModelError("Input.MunicipalityId", text["Subscribe.MunicipalityRequired"]);
                break;
            case ByCorridor when CorridorId is { } c && await db.Corridors.AnyAsync(x => x.Id == c, cancellationToken):
                place = SubscriptionPlace.InCorridor(c);
                break;
            case ByCorridor:
                state.AddModelError("Input.CorridorId", text["Subscribe.CorridorRequired"]);
                break;
            case ByPoint:
                place = Point(state, text);
                break;
            default:
                state.AddModelError("Input.Place", text["Subscribe.PlaceRequired"]);
                break;
        }
        return state.IsValid ? place : null;
    }

    private SubscriptionPlace? Point(ModelStateDictionary state, IStringLocalizer text)
    {
        var point = FairDayFilter.ParsePoint(Near);
        if (point is null)
        {
            state.AddModelError("Input.Near", text["Subscribe.NearInvalid"]);
        }
        if (!double.TryParse(Km, NumberStyles.Float, CultureInfo.InvariantCulture, out var km)
            || !double.IsFinite(km) || km is <= 0 or > Subscription.MaxRadiusKm)
        {
            state.AddModelError("Input.Km", text["Subscribe.KmInvalid", Subscription.MaxRadiusKm]);
            return null;
        }
        return point is { } p ? SubscriptionPlace.Around(p.Lat, p.Lon, km) : null;
    }

    private static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 256)
        {
            return false;
        }
        return MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim()
            && address.Host.Contains('.', StringComparison.Ordinal);
    }
}
