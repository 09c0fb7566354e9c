namespace Marketplace.Domain.Venues;

public enum StallKind
{
    Produce,
    PreparedFood,
    Crafts,
    Livestock,
}

/// <summary>A numbered box or space in a venue's layout.</summary>
public class Stall
{
    public int Id { get; set; }
    public int VenueId { get; set; }
    public Venue? Venue { get; set; }
    /// <summary>The label painted on the box, unique in its venue: "A-01", "Box 7".</summary>
    public required string Code { get; set; }
    public StallKind Kind { get; set; }
    public decimal WidthMeters { get; set; } = 3;
    public decimal DepthMeters { get; set; } = 3;
    public bool HasPower { get; set; }
    public bool HasWater { get; set; }
    public bool HasShade { get; set; }
    public bool IsAccessible { get; set; }
    /// <summary>A retired stall keeps its history but is no longer offered.</summary>
    public bool IsRetired { get; set; }
}
