using Marketplace.Domain.Common;

namespace Marketplace.Domain.Regions;

/// <summary>A municipality (province, município) with its own time zone and currency.</summary>
public class Municipality
{
    public int Id { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public int? CorridorId { get; set; }
    public Corridor? Corridor { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>IANA time zone id, e.g. America/Lima.</summary>
    public required string TimeZoneId { get; set; }
    /// <summary>ISO 4217 code, e.g. PEN, BRL.</summary>
    public required string CurrencyCode { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    public MunicipalClock Clock() => new(TimeZoneId);
}
