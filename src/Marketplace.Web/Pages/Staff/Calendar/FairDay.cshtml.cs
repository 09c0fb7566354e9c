using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Fairs;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Day = Marketplace.Domain.Fairs.FairDay;

namespace Marketplace.Web.Pages.Staff.Calendar;

/// <summary>
/// One fair day for staff: its facts, and for the organizing municipality the exceptions — move
/// (date, venue, hours in the venue's time zone), skip, cancel with a reason. The hosting
/// municipality of another organizer's day sees it read-only (its posts are forbidden); anyone
/// else gets 404.
/// </summary>
public class FairDayModel(MarketplaceDbContext db, FairDayChanges changes, TimeProvider clock,
    IStringLocalizer<CalendarResource> text) : PageModel
{
    public sealed class MoveInput
    {
        public string? Date { get; set; }
        public int? VenueId { get; set; }
        public string? StartTime { get; set; }
        public string? EndTime { get; set; }
    }

    public sealed record VenueOption(int Id, string Name, string Municipality);

    private static readonly BookingStatus[] Active = [.. ActiveBooking.Statuses];

    [BindProperty(Name = nameof(Move))]
    public MoveInput Move { get; set; } = new();

    [BindProperty(Name = nameof(SkipReason))]
    public string? SkipReason { get; set; }

    [BindProperty(Name = nameof(CancelReason))]
    public string? CancelReason { get; set; }

    public Day Day { get; private set; } = null!;
    public FairDayAccess Access { get; private set; }
    public int ActiveBookings { get; private set; }
    public IReadOnlyList<VenueOption> Venues { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await LoadAsync(id, cancellationToken);
        if (scope is null)
        {
            return NotFound();
        }
        Move = new MoveInput
        {
            Date = FormValues.Iso(Day.Date),
            VenueId = Day.VenueId,
            StartTime = FormValues.Iso(Day.StartTime),
            EndTime = FormValues.Iso(Day.EndTime),
        };
        return Page();
    }

    public Task<IActionResult> OnPostMoveAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async scope =>
        {
            var move = ValidateMove();
            return move is null ? null : await changes.MoveAsync(id, scope, move, cancellationToken);
        }, "Day.Moved", nameof(Move) + "." + nameof(MoveInput.VenueId), cancellationToken);

    public Task<IActionResult> OnPostSkipAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async scope =>
        {
            if (SkipReason is { Length: > 500 })
            {
                ModelState.AddModelError(nameof(SkipReason), text["Validation.MaxLength", text["Field.Reason"], 500]);
                return null;
            }
            return await changes.SkipAsync(id, scope, SkipReason, cancellationToken);
        }, "Day.Skipped", nameof(SkipReason), cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async scope =>
        {
            if (string.IsNullOrWhiteSpace(CancelReason) || CancelReason.Trim().Length > 500)
            {
                ModelState.AddModelError(nameof(CancelReason), string.IsNullOrWhiteSpace(CancelReason)
                    ? text["Validation.Required", text["Field.Reason"]]
                    : text["Validation.MaxLength", text["Field.Reason"], 500]);
                return null;
            }
            return await changes.CancelAsync(id, scope, CancelReason, cancellationToken);
        }, "Day.Cancelled", nameof(CancelReason), cancellationToken);

    /// <param name="change">Validates and changes; null when the form has field errors.</param>
    /// <param name="done">The status message key once changed.</param>
    /// <param name="field">The field that refusals of the change are shown at.</param>
    private async Task<IActionResult> ChangeAsync(int id, Func<StaffScope, Task<FairDayChangeOutcome?>> change,
        string done, string field, CancellationToken cancellationToken)
    {
        var scope = await LoadAsync(id, cancellationToken);
        if (scope is null)
        {
            return NotFound();
        }
        if (Access != FairDayAccess.Manage)
        {
            return Forbid();
        }
        var outcome = await change(scope);
        switch (outcome)
        {
            case null:
                return Page();
            case FairDayChangeOutcome.Done:
                StatusMessage = text[done];
                return Redirect($"/Staff/FairDays/{id}");
            case FairDayChangeOutcome.NotFound:
                return NotFound();
            case FairDayChangeOutcome.ReadOnly:
                return Forbid();
            default:
                ModelState.AddModelError(field, text["Outcome." + outcome]);
                return Page();
        }
    }

    private FairDayMove? ValidateMove()
    {
        var today = Day.Venue!.Municipality!.Clock().TodayAt(clock.GetUtcNow().UtcDateTime);
        const string prefix = nameof(Move) + ".";
        if (!FormValues.TryDate(Move.Date, out var date))
        {
            ModelState.AddModelError(prefix + nameof(MoveInput.Date), text["Validation.Date", text["Field.Date"]]);
        }
        else if (date < today)
        {
            ModelState.AddModelError(prefix + nameof(MoveInput.Date), text["Validation.NotPast"]);
        }
        if (Move.VenueId is not { } venueId || Venues.All(v => v.Id != venueId))
        {
            ModelState.AddModelError(prefix + nameof(MoveInput.VenueId), text["Validation.Choose", text["Field.Venue"]]);
        }
        var hasStart = FormValues.TryTime(Move.StartTime, out var start);
        if (!hasStart)
        {
            ModelState.AddModelError(prefix + nameof(MoveInput.StartTime), text["Validation.Time", text["Field.StartTime"]]);
        }
        if (!FormValues.TryTime(Move.EndTime, out var end))
        {
            ModelState.AddModelError(prefix + nameof(MoveInput.EndTime), text["Validation.Time", text["Field.EndTime"]]);
        }
        else if (hasStart && end <= start)
        {
            ModelState.AddModelError(prefix + nameof(MoveInput.EndTime), text["Validation.EndAfterStart"]);
        }
        return ModelState.IsValid ? new FairDayMove(date, Move.VenueId!.Value, start, end) : null;
    }

    /// <returns>The staff member's scope, or null when the day is unknown or none of theirs.</returns>
    private async Task<StaffScope?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var day = await db.FairDays.AsNoTracking()
            .Include(d => d.FairSeries).ThenInclude(s => s!.OrganizerMunicipality)
            .Include(d => d.Venue).ThenInclude(v => v!.Municipality)
            .SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (day is null)
        {
            return null;
        }
        Access = FairDayAccessRules.Of(scope, day.FairSeries!.OrganizerMunicipalityId, day.Venue!.MunicipalityId);
        if (Access == FairDayAccess.None)
        {
            return null;
        }
        Day = day;
        ActiveBookings = await db.Bookings.CountAsync(b => b.FairDayId == id && Active.Contains(b.Status), cancellationToken);
        var regionId = day.FairSeries.OrganizerMunicipality!.RegionId;
        Venues = await db.Venues.AsNoTracking()
            .Where(v => v.Municipality!.RegionId == regionId)
            .OrderBy(v => v.Municipality!.Name).ThenBy(v => v.Name)
            .Select(v => new VenueOption(v.Id, v.Name, v.Municipality!.Name))
            .ToListAsync(cancellationToken);
        return scope;
    }
}
