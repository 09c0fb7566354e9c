using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Fairs;
using Marketplace.Infrastructure.Staff;
using Marketplace.Web.Pages.Staff.Producers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Series = Marketplace.Domain.Fairs.FairSeries;

namespace Marketplace.Web.Pages.Staff.FairSeries;

/// <summary>
/// Creates a series (no id) or edits one the staff member's municipality organizes; other series
/// answer 404. Saving materializes the coming fair days at once; an edit is carried over to the
/// coming days still as planned, with notice to the producers booked on them.
/// </summary>
public class EditModel(MarketplaceDbContext db, SeriesChanges changes, TimeProvider clock,
    IStringLocalizer<CalendarResource> text) : PageModel
{
    public sealed record VenueOption(int Id, string Name, string Municipality, int RegionId);

    [BindProperty(Name = nameof(Input))]
    public SeriesInput Input { get; set; } = new();

    public int? SeriesId { get; private set; }
    /// <summary>The stored rule, when the form cannot say it (it is kept until another pattern is chosen).</summary>
    public string? UnreadableRule { get; private set; }
    public IReadOnlyList<MunicipalityOption> Organizers { get; private set; } = [];
    public IReadOnlyList<VenueOption> Venues { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        var series = await LoadAsync(id, cancellationToken);
        if (id is not null && series is null)
        {
            return NotFound();
        }
        Input = series is null ? await NewSeriesInputAsync(cancellationToken) : SeriesInput.From(series);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        var series = await LoadAsync(id, cancellationToken);
        if (id is not null && series is null)
        {
            return NotFound();
        }
        var organizerIds = Organizers.Select(o => o.Id).ToList();
        var organizerRegion = await db.Municipalities.AsNoTracking()
            .Where(m => organizerIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.RegionId, cancellationToken);
        var pattern = Input.Validate(ModelState, text, organizerIds.ToHashSet(),
            organizer => Venues.Where(v => v.RegionId == organizerRegion[organizer]).Select(v => v.Id).ToHashSet());
        if (pattern is null)
        {
            return Page();
        }
        SeriesSaved saved;
        if (series is null)
        {
            series = new Series { Name = "" };
            Input.ApplyTo(series, pattern);
            saved = await changes.CreateAsync(series, cancellationToken);
        }
        else
        {
            var before = SeriesBefore.Of(series);
            Input.ApplyTo(series, pattern);
            try
            {
                saved = await changes.UpdateAsync(series, before, text["Series.DropReason"], cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(string.Empty, text["Series.Conflict"]);
                return Page();
            }
        }
        StatusMessage = text["Series.Saved", series.Name, saved.Created, saved.Changed, saved.Dropped, saved.Notified];
        return Redirect("/Staff/FairSeries");
    }

    /// <summary>A blank form whose season starts today, in the organizer's time zone.</summary>
    private async Task<SeriesInput> NewSeriesInputAsync(CancellationToken cancellationToken)
    {
        var organizer = Organizers.Count == 1 ? Organizers[0].Id : (int?)null;
        var zone = await db.Municipalities.AsNoTracking()
            .Where(m => m.Id == (organizer ?? 0))
            .Select(m => m.TimeZoneId)
            .SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = zone is null ? DateOnly.FromDateTime(now) : new Domain.Common.MunicipalClock(zone).TodayAt(now);
        return new SeriesInput { OrganizerMunicipalityId = organizer, StartsOn = FormValues.Iso(today) };
    }

    private async Task<Series?> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        Organizers = await MunicipalityOption.InScopeAsync(db, scope, cancellationToken);
        var organizerIds = Organizers.Select(o => o.Id).ToList();
        var regionIds = await db.Municipalities.AsNoTracking()
            .Where(m => organizerIds.Contains(m.Id))
            .Select(m => m.RegionId).Distinct().ToListAsync(cancellationToken);
        // An itinerant series may stop at venues of every municipality of the organizer's region.
        Venues = await db.Venues.AsNoTracking()
            .Where(v => regionIds.Contains(v.Municipality!.RegionId))
            .OrderBy(v => v.Municipality!.Name).ThenBy(v => v.Name)
            .Select(v => new VenueOption(v.Id, v.Name, v.Municipality!.Name, v.Municipality.RegionId))
            .ToListAsync(cancellationToken);
        SeriesId = id;
        if (id is null)
        {
            return null;
        }
        var series = await db.FairSeries
            .Include(s => s.Route)
            .Include(s => s.Fees)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null || !scope.Covers(series.OrganizerMunicipalityId))
        {
            return null;
        }
        if (Domain.Fairs.SeriesPattern.FromSeries(series.RecurrenceRule, series.ExplicitDates) is null)
        {
            UnreadableRule = string.Join(" · ", new[] { series.RecurrenceRule, series.ExplicitDates }.Where(s => s is not null));
        }
        return series;
    }
}
