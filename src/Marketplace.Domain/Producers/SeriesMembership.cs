using Marketplace.Domain.Fairs;

namespace Marketplace.Domain.Producers;

/// <summary>A producer's application to sell at a series that requires approval.</summary>
public class SeriesMembership
{
    public int Id { get; set; }
    public int FairSeriesId { get; set; }
    public FairSeries? FairSeries { get; set; }
    public int ProducerId { get; set; }
    public Producer? Producer { get; set; }
    public SeriesMembershipStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime AppliedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
}
