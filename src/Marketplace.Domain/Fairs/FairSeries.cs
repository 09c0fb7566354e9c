using Marketplace.Domain.Common;
using Marketplace.Domain.Regions;

namespace Marketplace.Domain.Fairs;

/// <summary>
/// A recurring fair organized by one municipality. Its dates come from an RFC 5545 RRULE
/// and/or explicit dates; an itinerant series rotates through an ordered route of venues.
/// </summary>
public class FairSeries : IVersioned
{
    public int Id { get; set; }
    public int OrganizerMunicipalityId { get; set; }
    public Municipality? OrganizerMunicipality { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>RFC 5545 recurrence rule without the "RRULE:" prefix, e.g. FREQ=WEEKLY;BYDAY=SA.</summary>
    public string? RecurrenceRule { get; set; }
    /// <summary>Explicit extra dates (RDATE), ISO yyyy-MM-dd separated by commas.</summary>
    public string? ExplicitDates { get; set; }
    /// <summary>First day of the season (DTSTART).</summary>
    public DateOnly StartsOn { get; set; }
    /// <summary>Last day of the season, if any.</summary>
    public DateOnly? EndsOn { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }

    public AllocationMode Allocation { get; set; }
    /// <summary>The booking window opens this many days before the fair day.</summary>
    public int BookingOpensDaysBefore { get; set; } = 30;
    /// <summary>The booking window closes this many hours before the fair day starts.</summary>
    public int BookingClosesHoursBefore { get; set; } = 12;
    /// <summary>A producer may cancel until this many hours before the fair day starts.</summary>
    public int CancellationDeadlineHours { get; set; } = 24;
    public bool RequiresApproval { get; set; }
    public int MaxStallsPerProducer { get; set; } = 1;
    /// <summary>Share of stalls (percent) reserved for women's organizations.</summary>
    public int WomenQuotaPercent { get; set; }
    /// <summary>Share of stalls (percent) reserved for producers of the organizing municipality.</summary>
    public int LocalQuotaPercent { get; set; }
    /// <summary>How long a waitlist offer holds a stall before passing to the next producer.</summary>
    public int OfferHoldHours { get; set; } = 24;
    public List<SeriesFee> Fees { get; set; } = [];
    public bool IsActive { get; set; } = true;

    public List<FairSeriesStop> Route { get; set; } = [];
    public Guid Version { get; set; }

    public bool IsItinerant => Route.Count > 1;

    public FairSchedule Schedule() =>
        new(StartsOn, EndsOn, RecurrenceRule, FairSchedule.ParseDates(ExplicitDates),
            Route.OrderBy(s => s.Position).Select(s => s.VenueId).ToList());
}
