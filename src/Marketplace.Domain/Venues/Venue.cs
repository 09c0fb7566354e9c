using Marketplace.Domain.Regions;

namespace Marketplace.Domain.Venues;

public enum VenueKind
{
    Plaza,
    Roadside,
    Field,
    Market,
}

/// <summary>A place where fairs are held, with a layout of stalls.</summary>
public class Venue
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality? Municipality { get; set; }
    public required string Name { get; set; }
    public string? Address { get; set; }
    public VenueKind Kind { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    public List<Stall> Stalls { get; set; } = [];
}
