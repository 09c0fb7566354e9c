using Marketplace.Domain.Venues;

namespace Marketplace.Domain.Fairs;

/// <summary>The stall fee of a series for one kind of stall, in the organizer's currency.</summary>
public class SeriesFee
{
    public int Id { get; set; }
    public int FairSeriesId { get; set; }
    public StallKind StallKind { get; set; }
    public decimal Amount { get; set; }
}
