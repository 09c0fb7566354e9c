using System.Globalization;

namespace Marketplace.Web.Pages.Admin.Municipalities;

/// <summary>What a municipality's time zone and currency must be.</summary>
public static class MunicipalityRules
{
    private static readonly Lazy<HashSet<string>> Currencies = new(() => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c =>
        {
            try
            {
                return new RegionInfo(c.Name).ISOCurrencySymbol;
            }
            catch (ArgumentException)
            {
                return null;
            }
        })
        .OfType<string>()
        .Where(code => code.Length == 3)
        .ToHashSet(StringComparer.Ordinal));

    /// <summary>An IANA zone this machine knows (America/Lima), not a Windows name nor an offset.</summary>
    public static bool IsIanaTimeZone(string id) =>
        id.Contains('/') && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;

    /// <summary>An ISO 4217 code of a currency in use (PEN, BRL, COP…), in capitals.</summary>
    public static bool IsCurrency(string code) => Currencies.Value.Contains(code);
}
