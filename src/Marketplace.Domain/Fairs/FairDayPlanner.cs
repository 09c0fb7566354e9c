namespace Marketplace.Domain.Fairs;

/// <summary>Decides which occurrences of a series still need a fair day.</summary>
public static class FairDayPlanner
{
    /// <summary>
    /// Occurrences in [from, to] for which no fair day exists yet, whatever that day's status:
    /// a skipped, cancelled or moved day still exists, so it is never planned again.
    /// </summary>
    public static IReadOnlyList<ScheduledOccurrence> MissingOccurrences(
        FairSchedule schedule, IReadOnlySet<DateOnly> existingOccurrenceDates, DateOnly from, DateOnly to) =>
        schedule.Between(from, to)
            .Where(o => !existingOccurrenceDates.Contains(o.OccurrenceDate))
            .ToList();
}
