using Marketplace.Domain.Fairs;
using Marketplace.Domain.Venues;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Series = Marketplace.Domain.Fairs.FairSeries;

namespace Marketplace.Web.Pages.Staff.FairSeries;

/// <summary>
/// The series form: how it repeats (weekdays, weeks of the month, or dates), hours, season,
/// booking rules, fees per stall kind and the route. <see cref="Validate"/> names the field of every
/// error and, when all is well, gives the <see cref="SeriesPattern"/> the choices mean.
/// </summary>
public sealed class SeriesInput
{
    /// <summary>Stops the form offers; a route longer than this is rare enough to add later.</summary>
    public const int RouteSlots = 8;
    public const int MaxDates = 300;

    [SingleLine]
    public string? Name { get; set; }
    public string? Description { get; set; }
    public int? OrganizerMunicipalityId { get; set; }
    public RepeatKind? Repeat { get; set; }
    public List<DayOfWeek> Weekdays { get; set; } = [];
    /// <summary>1 to 4, or <see cref="SeriesPattern.LastWeek"/>.</summary>
    public List<int> Weeks { get; set; } = [];
    public DayOfWeek? MonthlyWeekday { get; set; }
    /// <summary>ISO dates (yyyy-MM-dd) separated by lines, spaces or commas.</summary>
    public string? Dates { get; set; }
    public string? StartTime { get; set; } = "07:00";
    public string? EndTime { get; set; } = "14:00";
    public string? StartsOn { get; set; }
    public string? EndsOn { get; set; }
    public int? BookingOpensDaysBefore { get; set; } = 30;
    public int? BookingClosesHoursBefore { get; set; } = 12;
    public int? CancellationDeadlineHours { get; set; } = 24;
    /// <summary>The fee per stall kind (by name), in the organizer's currency; blank means free.</summary>
    public Dictionary<string, string?> Fees { get; set; } = [];
    public int? WomenQuotaPercent { get; set; } = 0;
    public int? LocalQuotaPercent { get; set; } = 0;
    public AllocationMode? Allocation { get; set; } = AllocationMode.FirstCome;
    public bool RequiresApproval { get; set; }
    public int? MaxStallsPerProducer { get; set; } = 1;
    public int? OfferHoldHours { get; set; } = 24;
    public bool IsActive { get; set; } = true;
    /// <summary>Venue ids in route order; blank slots are left out.</summary>
    public List<int?> Route { get; set; } = [];

    public static SeriesInput From(Series series)
    {
        var pattern = SeriesPattern.FromSeries(series.RecurrenceRule, series.ExplicitDates);
        return new SeriesInput
        {
            Name = series.Name,
            Description = series.Description,
            OrganizerMunicipalityId = series.OrganizerMunicipalityId,
            Repeat = pattern?.Kind,
            Weekdays = pattern?.Kind == RepeatKind.Weekly ? [.. pattern.Weekdays] : [],
            Weeks = [.. pattern?.WeeksOfMonth ?? []],
            MonthlyWeekday = pattern?.Kind == RepeatKind.MonthlyByWeekday ? pattern.Weekdays[0] : null,
            Dates = pattern?.Kind == RepeatKind.ExplicitDates ? string.Join("\n", pattern.Dates.Select(FormValues.Iso)) : null,
            StartTime = FormValues.Iso(series.StartTime),
            EndTime = FormValues.Iso(series.EndTime),
            StartsOn = FormValues.Iso(series.StartsOn),
            EndsOn = series.EndsOn is { } end ? FormValues.Iso(end) : null,
            BookingOpensDaysBefore = series.BookingOpensDaysBefore,
            BookingClosesHoursBefore = series.BookingClosesHoursBefore,
            CancellationDeadlineHours = series.CancellationDeadlineHours,
            Fees = series.Fees.ToDictionary(f => f.StallKind.ToString(), f => (string?)FormValues.Invariant(f.Amount)),
            WomenQuotaPercent = series.WomenQuotaPercent,
            LocalQuotaPercent = series.LocalQuotaPercent,
            Allocation = series.Allocation,
            RequiresApproval = series.RequiresApproval,
            MaxStallsPerProducer = series.MaxStallsPerProducer,
            OfferHoldHours = series.OfferHoldHours,
            IsActive = series.IsActive,
            Route = [.. series.Route.OrderBy(s => s.Position).Select(s => (int?)s.VenueId)],
        };
    }

    public IReadOnlyList<int> Stops => Route.Where(v => v is not null).Select(v => v!.Value).ToList();

    /// <param name="organizers">Municipalities the staff member may organize for.</param>
    /// <param name="venuesByOrganizer">For each organizer, the venues of its region.</param>
    /// <returns>The pattern, or null when some field is wrong.</returns>
    public SeriesPattern? Validate(ModelStateDictionary state, IStringLocalizer text, IReadOnlySet<int> organizers,
        Func<int, IReadOnlySet<int>> venuesByOrganizer)
    {
        Required(state, text, nameof(Name), Name, "Field.SeriesName", 160);
        if (Description is { Length: > 2000 })
        {
            state.TryAddModelError(Key(nameof(Description)), text["Validation.MaxLength", text["Field.Description"], 2000]);
        }
        if (OrganizerMunicipalityId is not { } organizer || !organizers.Contains(organizer))
        {
            state.TryAddModelError(Key(nameof(OrganizerMunicipalityId)), text["Validation.Choose", text["Field.Organizer"]]);
        }
        else
        {
            ValidateRoute(state, text, venuesByOrganizer(organizer));
        }
        var pattern = ValidatePattern(state, text);
        var hasStart = FormValues.TryTime(StartTime, out var start);
        if (!hasStart)
        {
            state.TryAddModelError(Key(nameof(StartTime)), text["Validation.Time", text["Field.StartTime"]]);
        }
        if (!FormValues.TryTime(EndTime, out var end))
        {
            state.TryAddModelError(Key(nameof(EndTime)), text["Validation.Time", text["Field.EndTime"]]);
        }
        else if (hasStart && end <= start)
        {
            state.TryAddModelError(Key(nameof(EndTime)), text["Validation.EndAfterStart"]);
        }
        var hasSeasonStart = FormValues.TryDate(StartsOn, out var startsOn);
        if (!hasSeasonStart && !(Repeat == RepeatKind.ExplicitDates && string.IsNullOrWhiteSpace(StartsOn)))
        {
            state.TryAddModelError(Key(nameof(StartsOn)), text["Validation.Date", text["Field.StartsOn"]]);
        }
        if (!string.IsNullOrWhiteSpace(EndsOn))
        {
            if (!FormValues.TryDate(EndsOn, out var endsOn))
            {
                state.TryAddModelError(Key(nameof(EndsOn)), text["Validation.Date", text["Field.EndsOn"]]);
            }
            else if (hasSeasonStart && endsOn < startsOn)
            {
                state.TryAddModelError(Key(nameof(EndsOn)), text["Validation.SeasonEnd"]);
            }
        }
        Range(state, text, nameof(BookingOpensDaysBefore), BookingOpensDaysBefore, "Field.BookingOpensDaysBefore", 0, 365);
        Range(state, text, nameof(BookingClosesHoursBefore), BookingClosesHoursBefore, "Field.BookingClosesHoursBefore", 0, 720);
        Range(state, text, nameof(CancellationDeadlineHours), CancellationDeadlineHours, "Field.CancellationDeadlineHours", 0, 720);
        Range(state, text, nameof(WomenQuotaPercent), WomenQuotaPercent, "Field.WomenQuotaPercent", 0, 100);
        Range(state, text, nameof(LocalQuotaPercent), LocalQuotaPercent, "Field.LocalQuotaPercent", 0, 100);
        if (WomenQuotaPercent + LocalQuotaPercent > 100)
        {
            state.TryAddModelError(Key(nameof(LocalQuotaPercent)), text["Validation.Quotas"]);
        }
        Range(state, text, nameof(MaxStallsPerProducer), MaxStallsPerProducer, "Field.MaxStallsPerProducer", 1, 20);
        Range(state, text, nameof(OfferHoldHours), OfferHoldHours, "Field.OfferHoldHours", 1, 168);
        if (Allocation is not { } allocation || !Enum.IsDefined(allocation))
        {
            state.TryAddModelError(Key(nameof(Allocation)), text["Validation.Choose", text["Field.Allocation"]]);
        }
        foreach (var (kind, value) in Fees)
        {
            if (!Enum.TryParse<StallKind>(kind, out _) || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (!FormValues.TryDecimal(value, out var amount) || amount is < 0 or > 100_000)
            {
                state.TryAddModelError($"Input.Fees[{kind}]", text["Validation.Fee", text["StallKind." + kind]]);
            }
        }
        return state.IsValid ? pattern : null;
    }

    /// <summary>Writes the accepted input onto the series; stops and fees are updated in place.</summary>
    public void ApplyTo(Series series, SeriesPattern pattern)
    {
        series.Name = Name!.Trim();
        series.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        series.OrganizerMunicipalityId = OrganizerMunicipalityId!.Value;
        pattern.ApplyTo(series);
        FormValues.TryTime(StartTime, out var start);
        FormValues.TryTime(EndTime, out var end);
        series.StartTime = start;
        series.EndTime = end;
        series.StartsOn = FormValues.TryDate(StartsOn, out var startsOn) ? startsOn : pattern.Dates[0];
        series.EndsOn = FormValues.TryDate(EndsOn, out var endsOn) ? endsOn : null;
        series.BookingOpensDaysBefore = BookingOpensDaysBefore!.Value;
        series.BookingClosesHoursBefore = BookingClosesHoursBefore!.Value;
        series.CancellationDeadlineHours = CancellationDeadlineHours!.Value;
        series.WomenQuotaPercent = WomenQuotaPercent!.Value;
        series.LocalQuotaPercent = LocalQuotaPercent!.Value;
        series.Allocation = Allocation!.Value;
        series.RequiresApproval = RequiresApproval;
        series.MaxStallsPerProducer = MaxStallsPerProducer!.Value;
        series.OfferHoldHours = OfferHoldHours!.Value;
        series.IsActive = IsActive;
        ApplyRoute(series);
        ApplyFees(series);
    }

    private void ApplyRoute(Series series)
    {
        var stops = Stops;
        var existing = series.Route.OrderBy(s => s.Position).ToList();
        for (var i = 0; i < stops.Count; i++)
        {
            if (i < existing.Count)
            {
                existing[i].VenueId = stops[i];
            }
            else
            {
                series.Route.Add(new FairSeriesStop { Position = i, VenueId = stops[i] });
            }
        }
        foreach (var extra in existing.Skip(stops.Count))
        {
            series.Route.Remove(extra);
        }
    }

    private void ApplyFees(Series series)
    {
        foreach (var kind in Enum.GetValues<StallKind>())
        {
            var fee = series.Fees.SingleOrDefault(f => f.StallKind == kind);
            var given = Fees.TryGetValue(kind.ToString(), out var value) && FormValues.TryDecimal(value, out _);
            FormValues.TryDecimal(value, out var amount);
            if (!given)
            {
                if (fee is not null)
                {
                    series.Fees.Remove(fee);
                }
            }
            else if (fee is null)
            {
                series.Fees.Add(new SeriesFee { StallKind = kind, Amount = amount });
            }
            else
            {
                fee.Amount = amount;
            }
        }
    }

    private SeriesPattern? ValidatePattern(ModelStateDictionary state, IStringLocalizer text)
    {
        switch (Repeat)
        {
            case RepeatKind.Weekly when Weekdays.Count == 0 || Weekdays.Any(d => !Enum.IsDefined(d)):
                state.TryAddModelError(Key(nameof(Weekdays)), text["Validation.Weekdays"]);
                return null;
            case RepeatKind.Weekly:
                return SeriesPattern.Weekly(Weekdays);
            case RepeatKind.MonthlyByWeekday:
                var weeksOk = Weeks.Count > 0 && Weeks.All(w => w is >= 1 and <= 4 or SeriesPattern.LastWeek);
                if (!weeksOk)
                {
                    state.TryAddModelError(Key(nameof(Weeks)), text["Validation.Weeks"]);
                }
                if (MonthlyWeekday is not { } weekday || !Enum.IsDefined(weekday))
                {
                    state.TryAddModelError(Key(nameof(MonthlyWeekday)), text["Validation.Choose", text["Field.MonthlyWeekday"]]);
                    return null;
                }
                return weeksOk ? SeriesPattern.Monthly(Weeks, weekday) : null;
            case RepeatKind.ExplicitDates:
                return ValidateDates(state, text);
            default:
                state.TryAddModelError(Key(nameof(Repeat)), text["Validation.Choose", text["Field.Repeat"]]);
                return null;
        }
    }

    private SeriesPattern? ValidateDates(ModelStateDictionary state, IStringLocalizer text)
    {
        var words = (Dates ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var bad = words.Where(w => !FormValues.TryDate(w, out _)).ToList();
        if (bad.Count > 0)
        {
            state.TryAddModelError(Key(nameof(Dates)), text["Validation.Dates", string.Join(", ", bad.Take(5))]);
            return null;
        }
        var dates = words.Select(w => { FormValues.TryDate(w, out var d); return d; }).Distinct().ToList();
        if (dates.Count == 0 || dates.Count > MaxDates)
        {
            state.TryAddModelError(Key(nameof(Dates)), text["Validation.DatesCount", MaxDates]);
            return null;
        }
        return SeriesPattern.OnDates(dates);
    }

    private void ValidateRoute(ModelStateDictionary state, IStringLocalizer text, IReadOnlySet<int> venues)
    {
        var stops = Stops;
        if (stops.Count == 0)
        {
            state.TryAddModelError(Key(nameof(Route)), text["Validation.Route"]);
        }
        else if (stops.Any(v => !venues.Contains(v)))
        {
            state.TryAddModelError(Key(nameof(Route)), text["Validation.RouteRegion"]);
        }
        else if (stops.Distinct().Count() != stops.Count)
        {
            state.TryAddModelError(Key(nameof(Route)), text["Validation.RouteTwice"]);
        }
    }

    private static void Required(ModelStateDictionary state, IStringLocalizer text, string property, string? value,
        string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            state.TryAddModelError(Key(property), text["Validation.Required", text[label]]);
        }
        else if (value.Trim().Length > maxLength)
        {
            state.TryAddModelError(Key(property), text["Validation.MaxLength", text[label], maxLength]);
        }
    }

    private static void Range(ModelStateDictionary state, IStringLocalizer text, string property, int? value,
        string label, int min, int max)
    {
        if (value is not { } number || number < min || number > max)
        {
            state.TryAddModelError(Key(property), text["Validation.Range", text[label], min, max]);
        }
    }

    public static string Key(string property) => "Input." + property;
}
