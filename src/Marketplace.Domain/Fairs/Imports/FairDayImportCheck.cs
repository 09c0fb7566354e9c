using System.Globalization;

namespace Marketplace.Domain.Fairs.Imports;

/// <summary>
/// Checks the rows of a fair-day import for one municipality, one at a time, against the
/// series, venues and fair days known before the import and against the rows before it. The
/// import applies only when no row has a problem. A row names its day by series and date: the
/// day of that series held (or first planned) on that date is updated, else a new one is added.
/// </summary>
public sealed class FairDayImportCheck
{
    public const int MaxReasonLength = 500;
    public const string DateFormat = "yyyy-MM-dd";
    public const string TimeFormat = "HH:mm";

    private readonly int _municipalityId;
    private readonly Dictionary<string, ImportSeries> _series;
    private readonly Dictionary<string, ImportVenue> _venues;
    private readonly IReadOnlyList<ExistingFairDay> _existing;
    private readonly List<PlannedFairDay> _planned = [];
    private readonly List<ImportProblem> _problems = [];
    private readonly HashSet<(int SeriesId, DateOnly Date)> _seen = [];

    public FairDayImportCheck(int municipalityId, IEnumerable<ImportSeries> series, IEnumerable<ImportVenue> venues,
        IReadOnlyList<ExistingFairDay> existing)
    {
        _municipalityId = municipalityId;
        _series = series.GroupBy(s => Key(s.Name)).ToDictionary(g => g.Key, g => Prefer(g, s => s.OrganizerMunicipalityId));
        _venues = venues.GroupBy(v => Key(v.Name)).ToDictionary(g => g.Key, g => Prefer(g, v => v.MunicipalityId));
        _existing = existing;
    }

    public IReadOnlyList<PlannedFairDay> Planned => _planned;
    public IReadOnlyList<ImportProblem> Problems => _problems;
    public int RowCount { get; private set; }
    public bool CanApply => _problems.Count == 0 && RowCount > 0;

    public void Add(FairDayCsvRow row)
    {
        RowCount++;
        var before = _problems.Count;
        var series = FindSeries(row);
        var venue = FindVenue(row, series);
        var date = ParseDate(row);
        var start = ParseTime(row, row.Start);
        var end = ParseTime(row, row.End);
        if (start is { } s && end is { } e && e <= s)
        {
            Problem(row, ImportProblemReason.EndBeforeStart, $"{row.Start}–{row.End}");
        }
        var status = ParseStatus(row);
        var reason = string.IsNullOrWhiteSpace(row.Reason) ? null : row.Reason.Trim();
        if (status is FairDayStatus.Cancelled && reason is null)
        {
            Problem(row, ImportProblemReason.ReasonRequired, null);
        }
        if (reason is { Length: > MaxReasonLength })
        {
            Problem(row, ImportProblemReason.ReasonTooLong, null);
        }
        if (_problems.Count > before || series is null || venue is null || date is null || start is null
            || end is null || status is null)
        {
            return;
        }
        if (!_seen.Add((series.Id, date.Value)))
        {
            Problem(row, ImportProblemReason.Duplicate, $"{series.Name} {row.Date}");
            return;
        }
        var planned = new PlannedFairDay(row.Line, series.Id, date.Value, start.Value, end.Value, venue.Id,
            status.Value, reason, null);
        var existing = FindExisting(planned);
        if (existing is not null)
        {
            if (_planned.Any(p => p.ExistingId == existing.Id))
            {
                Problem(row, ImportProblemReason.Duplicate, $"{series.Name} {row.Date}");
                return;
            }
            planned = planned with { ExistingId = existing.Id };
            if (!CheckChange(row, existing, planned))
            {
                return;
            }
        }
        if (planned.Status == FairDayStatus.Scheduled && Overlapping(planned) is { } other)
        {
            Problem(row, ImportProblemReason.Overlap, other);
            return;
        }
        _planned.Add(planned);
    }

    /// <summary>True when a planned row only restates the existing day (nothing to change).</summary>
    public static bool IsUnchanged(ExistingFairDay day, PlannedFairDay planned) =>
        day.Date == planned.Date && day.VenueId == planned.VenueId && day.Start == planned.Start
        && day.End == planned.End && day.Status == planned.Status;

    private bool CheckChange(FairDayCsvRow row, ExistingFairDay existing, PlannedFairDay planned)
    {
        if (IsUnchanged(existing, planned))
        {
            return true;
        }
        if (existing.Status != FairDayStatus.Scheduled && planned.Status == FairDayStatus.Scheduled)
        {
            Problem(row, ImportProblemReason.CannotReopen, row.Date);
            return false;
        }
        if (existing.HasBookings)
        {
            Problem(row, ImportProblemReason.HasBookings, row.Date);
            return false;
        }
        return true;
    }

    private ExistingFairDay? FindExisting(PlannedFairDay planned) =>
        _existing.FirstOrDefault(d => d.SeriesId == planned.SeriesId && d.Date == planned.Date)
        ?? _existing.FirstOrDefault(d => d.SeriesId == planned.SeriesId && d.OccurrenceDate == planned.Date);

    /// <summary>The date and hours of the first scheduled day sharing the venue and some hours, if any.</summary>
    private string? Overlapping(PlannedFairDay planned)
    {
        var movedAway = _planned.Where(p => p.ExistingId is not null).Select(p => p.ExistingId!.Value).ToHashSet();
        var clash = _existing.Where(d => d.Id != planned.ExistingId && !movedAway.Contains(d.Id)
                && d.Status == FairDayStatus.Scheduled && d.VenueId == planned.VenueId && d.Date == planned.Date
                && d.Start < planned.End && planned.Start < d.End)
            .Select(d => (d.Date, d.Start, d.End))
            .Concat(_planned.Where(p => p.Status == FairDayStatus.Scheduled && p.VenueId == planned.VenueId
                    && p.Date == planned.Date && p.Start < planned.End && planned.Start < p.End)
                .Select(p => (p.Date, p.Start, p.End)))
            .FirstOrDefault();
        return clash == default
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{clash.Date:yyyy-MM-dd} {clash.Start:HH:mm}–{clash.End:HH:mm}");
    }

    private ImportSeries? FindSeries(FairDayCsvRow row)
    {
        if (string.IsNullOrWhiteSpace(row.Series) || !_series.TryGetValue(Key(row.Series), out var series))
        {
            Problem(row, ImportProblemReason.UnknownSeries, row.Series);
            return null;
        }
        if (series.OrganizerMunicipalityId != _municipalityId)
        {
            Problem(row, ImportProblemReason.OtherMunicipality, row.Series);
            return null;
        }
        return series;
    }

    /// <summary>A venue of the municipality, or one on the route of the row's (itinerant) series.</summary>
    private ImportVenue? FindVenue(FairDayCsvRow row, ImportSeries? series)
    {
        if (string.IsNullOrWhiteSpace(row.Venue) || !_venues.TryGetValue(Key(row.Venue), out var venue))
        {
            Problem(row, ImportProblemReason.UnknownVenue, row.Venue);
            return null;
        }
        if (venue.MunicipalityId != _municipalityId && (series is null || !series.RouteVenueIds.Contains(venue.Id)))
        {
            Problem(row, ImportProblemReason.OtherMunicipality, row.Venue);
            return null;
        }
        return venue;
    }

    private DateOnly? ParseDate(FairDayCsvRow row)
    {
        if (DateOnly.TryParseExact(row.Date?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date))
        {
            return date;
        }
        Problem(row, ImportProblemReason.BadDate, row.Date);
        return null;
    }

    private TimeOnly? ParseTime(FairDayCsvRow row, string? value)
    {
        if (TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var time))
        {
            return time;
        }
        Problem(row, ImportProblemReason.BadTime, value);
        return null;
    }

    private FairDayStatus? ParseStatus(FairDayCsvRow row)
    {
        if (string.IsNullOrWhiteSpace(row.Status))
        {
            return FairDayStatus.Scheduled;
        }
        if (Enum.TryParse<FairDayStatus>(row.Status.Trim(), ignoreCase: true, out var status)
            && Enum.IsDefined(status) && !int.TryParse(row.Status, out _))
        {
            return status;
        }
        Problem(row, ImportProblemReason.BadStatus, row.Status);
        return null;
    }

    private void Problem(FairDayCsvRow row, ImportProblemReason reason, string? value) =>
        _problems.Add(new ImportProblem(row.Line, reason, value));

    private static string Key(string name) => name.Trim().ToUpperInvariant();

    // Two municipalities may name a venue alike; the importing municipality's own wins.
    private T Prefer<T>(IEnumerable<T> candidates, Func<T, int> municipality) =>
        candidates.OrderBy(c => municipality(c) == _municipalityId ? 0 : 1).First();
}
