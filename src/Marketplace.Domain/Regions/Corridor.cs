namespace Marketplace.Domain.Regions;

/// <summary>An economic corridor of a region; each municipality belongs to one.</summary>
public class Corridor
{
    public int Id { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}
