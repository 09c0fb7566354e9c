using Marketplace.Domain.Venues;

namespace Marketplace.Domain.Fairs;

/// <summary>One venue in a series' ordered route. A fixed series has one stop.</summary>
public class FairSeriesStop
{
    public int Id { get; set; }
    public int FairSeriesId { get; set; }
    public int Position { get; set; }
    public int VenueId { get; set; }
    public Venue? Venue { get; set; }
}
