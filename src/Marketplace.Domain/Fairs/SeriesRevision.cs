namespace Marketplace.Domain.Fairs;

/// <summary>What an edit of its series does to one coming fair day.</summary>
public enum DayRevisionKind
{
    /// <summary>The day stays in the schedule, at the venue and hours the edited series gives it.</summary>
    Replan,
    /// <summary>The edited schedule no longer has this occurrence.</summary>
    Drop,
}

/// <param name="Day">The coming fair day concerned.</param>
/// <param name="Kind">Replan it or drop it.</param>
/// <param name="VenueId">For <see cref="DayRevisionKind.Replan"/>: the venue the new route gives it.</param>
public sealed record DayRevision(FairDay Day, DayRevisionKind Kind, int VenueId);

/// <summary>
/// Carries an edit of a series over to its coming fair days. Only days still "as planned" — scheduled,
/// on their occurrence date, at the venue and hours the old series gave them — follow the edit;
/// a day staff moved, skipped or cancelled one by one keeps that exception.
/// </summary>
public static class SeriesRevision
{
    /// <param name="oldSchedule">The schedule before the edit.</param>
    /// <param name="oldStart">The series' start time before the edit.</param>
    /// <param name="oldEnd">The series' end time before the edit.</param>
    /// <param name="newSchedule">The schedule after the edit.</param>
    /// <param name="comingDays">The series' fair days from <paramref name="from"/> on.</param>
    /// <param name="from">The first local date to revise (today in the organizer's time zone).</param>
    /// <param name="to">The last local date to revise (the materialization horizon).</param>
    /// <param name="daysWithHeldStalls">Ids of the days where producers hold stalls: those keep their
    /// venue, since the stalls they hold belong to it.</param>
    public static IReadOnlyList<DayRevision> Plan(FairSchedule oldSchedule, TimeOnly oldStart, TimeOnly oldEnd,
        FairSchedule newSchedule, IEnumerable<FairDay> comingDays, DateOnly from, DateOnly to,
        IReadOnlySet<int>? daysWithHeldStalls = null)
    {
        var last = comingDays.Select(d => d.OccurrenceDate).Append(to).Max();
        var before = oldSchedule.Between(from, last).ToDictionary(o => o.OccurrenceDate);
        var after = newSchedule.Between(from, last).ToDictionary(o => o.OccurrenceDate);
        var revisions = new List<DayRevision>();
        foreach (var day in comingDays.Where(d => d.OccurrenceDate >= from).OrderBy(d => d.OccurrenceDate))
        {
            var asPlanned = day.Status == FairDayStatus.Scheduled
                && day.Date == day.OccurrenceDate
                && day.StartTime == oldStart && day.EndTime == oldEnd
                && before.TryGetValue(day.OccurrenceDate, out var planned) && planned.VenueId == day.VenueId;
            if (!asPlanned)
            {
                continue;
            }
            revisions.Add(after.TryGetValue(day.OccurrenceDate, out var next)
                ? new DayRevision(day, DayRevisionKind.Replan,
                    daysWithHeldStalls?.Contains(day.Id) == true ? day.VenueId : next.VenueId)
                : new DayRevision(day, DayRevisionKind.Drop, day.VenueId));
        }
        return revisions;
    }
}
