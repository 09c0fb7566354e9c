namespace Marketplace.Domain.Fairs;

/// <summary>One date a series' schedule produces, with the venue the route assigns it.</summary>
/// <param name="OccurrenceDate">The date the rule generated: the fair day's identity.</param>
/// <param name="Ordinal">Zero-based position of the occurrence since the season start.</param>
/// <param name="VenueId">The route's venue for this occurrence.</param>
public sealed record ScheduledOccurrence(DateOnly OccurrenceDate, int Ordinal, int VenueId);
