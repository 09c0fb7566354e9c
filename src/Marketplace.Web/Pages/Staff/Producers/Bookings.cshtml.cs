using System.Globalization;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProducerRow = Marketplace.Domain.Producers.Producer;

namespace Marketplace.Web.Pages.Staff.Producers;

/// <summary>A coming booking of the producer, as staff read it out on the phone.</summary>
public sealed record StaffBookingRow(int Id, int FairDayId, DateOnly Date, TimeOnly StartTime, string Series, string Venue,
    BookingStatus Status, string? StallCode, int? WaitlistPosition);

/// <summary>A fair day staff can book for the producer now, with its free stalls.</summary>
public sealed record BookableDay(int Id, DateOnly Date, TimeOnly StartTime, string Series, string Venue, int FreeStalls);

/// <summary>
/// Staff book (and cancel) stalls for a producer of their municipalities — above all an assisted
/// producer without e-mail, whose confirmations then appear on the "to tell by phone" list. The
/// booking desk applies the same rules as when producers book themselves. Fair days offered are
/// those organized by, or held in, the staff member's municipalities; anything else answers 404.
/// </summary>
public class BookingsModel(
    MarketplaceDbContext db,
    BookingDesk desk,
    ProducerMessenger messenger,
    Outbox outbox,
    TimeProvider clock,
    IStringLocalizer<StaffResource> text,
    IStringLocalizer<BookingResource> bookingText) : PageModel
{
    private const int DaysListed = 30;

    public ProducerRow Producer { get; private set; } = null!;
    public IReadOnlyList<StaffBookingRow> Bookings { get; private set; } = [];
    public IReadOnlyList<BookableDay> Days { get; private set; } = [];

    /// <summary>The day being booked (query "day"), with its free stalls and the fee for any of them.</summary>
    public FairDay? Day { get; private set; }
    public IReadOnlyList<(int Id, string Code, string Kind)> FreeStalls { get; private set; } = [];
    public FeeQuote? Quote { get; private set; }

    /// <summary>The day's series takes only approved producers and this one is not (yet) approved.</summary>
    public bool NeedsApproval { get; private set; }

    /// <summary>The producer's application to the day's series, if any.</summary>
    public SeriesMembershipStatus? Membership { get; private set; }

    /// <summary>The staff member works for the series' organizer, so may approve the producer on the spot.</summary>
    public bool CanApprove { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int? day, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        if (!await LoadProducerAsync(id, scope, cancellationToken))
        {
            return NotFound();
        }
        if (day is { } dayId && !await LoadDayAsync(dayId, scope, cancellationToken))
        {
            return NotFound();
        }
        await LoadListsAsync(scope, cancellationToken);
        return Page();
    }

    /// <summary>Books the chosen day (or every open day of its series) through the booking desk.</summary>
    /// <param name="approve">
    /// The series takes only approved producers: staff of its organizer approve the producer and
    /// book in the same step (an assisted producer cannot apply by itself).
    /// </param>
    public async Task<IActionResult> OnPostBookAsync(int id, int day, int? stall, bool series, bool approve,
        CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        if (!await LoadProducerAsync(id, scope, cancellationToken) || !await LoadDayAsync(day, scope, cancellationToken))
        {
            return NotFound();
        }
        if (approve && NeedsApproval && CanApprove)
        {
            await Applications.ApproveForAsync(Day!.FairSeriesId, id, scope, cancellationToken);
        }
        if (series)
        {
            var outcomes = await desk.BookSeriesAsync(Day!.FairSeriesId, id, cancellationToken);
            StatusMessage = text["StaffBooking.SeriesDone",
                outcomes.Count(o => o.Kind is BookingOutcomeKind.Confirmed or BookingOutcomeKind.Requested),
                outcomes.Count(o => o.Kind == BookingOutcomeKind.Waitlisted),
                outcomes.Count(o => o.Kind is BookingOutcomeKind.Refused or BookingOutcomeKind.StallTaken)];
            return RedirectToPage(new { id });
        }
        var outcome = await desk.BookAsync(new BookingRequest(day, id, stall), cancellationToken);
        StatusMessage = outcome.Kind switch
        {
            BookingOutcomeKind.Confirmed => text["StaffBooking.Confirmed", outcome.StallCode ?? ""],
            BookingOutcomeKind.Requested => text["StaffBooking.Requested"],
            BookingOutcomeKind.Waitlisted => text["StaffBooking.Waitlisted",
                outcome.WaitlistPosition?.ToString(CultureInfo.CurrentCulture) ?? "?"],
            BookingOutcomeKind.StallTaken => text["StaffBooking.StallTaken", string.Join(", ", outcome.FreeStallCodes ?? [])],
            _ => bookingText["Refusal." + (outcome.Refusal?.ToString() ?? "Other")],
        };
        return outcome.Kind == BookingOutcomeKind.StallTaken ? RedirectToPage(new { id, day }) : RedirectToPage(new { id });
    }

    /// <summary>
    /// Staff who cannot approve for the series' organizer send the producer's application to it;
    /// the organizer's staff find it in their queue.
    /// </summary>
    public async Task<IActionResult> OnPostApplyAsync(int id, int day, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        if (!await LoadProducerAsync(id, scope, cancellationToken) || !await LoadDayAsync(day, scope, cancellationToken)
            || !Day!.FairSeries!.RequiresApproval)
        {
            return NotFound();
        }
        await Applications.ApplyForAsync(Day.FairSeriesId, id, cancellationToken);
        StatusMessage = text["StaffBooking.AppliedFor", Day.FairSeries.Name];
        return RedirectToPage(new { id, day });
    }

    private SeriesApplications Applications => new(db, messenger, outbox, clock);

    /// <summary>Cancels one of the producer's bookings, under the series' cancellation deadline.</summary>
    public async Task<IActionResult> OnPostCancelAsync(int id, int booking, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        if (!await LoadProducerAsync(id, scope, cancellationToken))
        {
            return NotFound();
        }
        var key = await desk.CancelAsync(booking, id, cancellationToken) switch
        {
            CancelOutcome.Cancelled => "Cancel.Done",
            CancelOutcome.DeadlinePassed => "Cancel.DeadlinePassed",
            CancelOutcome.AlreadyCancelled => "Cancel.Already",
            _ => null,
        };
        if (key is null)
        {
            return NotFound();
        }
        StatusMessage = bookingText[key];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadProducerAsync(int id, StaffScope scope, CancellationToken cancellationToken)
    {
        var producer = await db.Producers.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == id && p.DeletedAtUtc == null, cancellationToken);
        if (producer is null || !scope.Covers(producer.MunicipalityId))
        {
            return false;
        }
        Producer = producer;
        return true;
    }

    private async Task<bool> LoadDayAsync(int dayId, StaffScope scope, CancellationToken cancellationToken)
    {
        var day = await db.FairDays.AsNoTracking()
            .Include(d => d.FairSeries)
            .Include(d => d.Venue).ThenInclude(v => v!.Municipality)
            .SingleOrDefaultAsync(d => d.Id == dayId, cancellationToken);
        if (day is null || !(scope.Covers(day.FairSeries!.OrganizerMunicipalityId) || scope.Covers(day.Venue!.MunicipalityId)))
        {
            return false;
        }
        Day = day;
        var held = db.Bookings.Where(b => b.FairDayId == day.Id && b.StallId != null && Booking.HoldingStatuses.Contains(b.Status))
            .Select(b => b.StallId!.Value);
        FreeStalls = (await db.Stalls.AsNoTracking()
                .Where(s => s.VenueId == day.VenueId && !s.IsRetired && !held.Contains(s.Id))
                .Select(s => new { s.Id, s.Code, s.Kind })
                .ToListAsync(cancellationToken))
            .OrderBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => (s.Id, s.Code, bookingText["StallKind." + s.Kind].Value))
            .ToList();
        Quote = await desk.QuoteAsync(day.Id, Producer.Id, null, cancellationToken);
        if (day.FairSeries!.RequiresApproval)
        {
            var producerId = Producer.Id;
            Membership = await db.SeriesMemberships.AsNoTracking()
                .Where(m => m.FairSeriesId == day.FairSeriesId && m.ProducerId == producerId)
                .Select(m => (SeriesMembershipStatus?)m.Status)
                .SingleOrDefaultAsync(cancellationToken);
            NeedsApproval = Membership != SeriesMembershipStatus.Approved;
            CanApprove = scope.Covers(day.FairSeries.OrganizerMunicipalityId);
        }
        return true;
    }

    private async Task LoadListsAsync(StaffScope scope, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var producerId = Producer.Id;
        Bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.ProducerId == producerId && b.Status != BookingStatus.Cancelled && b.FairDay!.EndsAtUtc > now)
            .OrderBy(b => b.FairDay!.StartsAtUtc)
            .Select(b => new StaffBookingRow(b.Id, b.FairDayId, b.FairDay!.Date, b.FairDay.StartTime, b.FairDay.FairSeries!.Name,
                b.FairDay.Venue!.Name, b.Status, b.Stall == null ? null : b.Stall.Code, b.WaitlistPosition))
            .ToListAsync(cancellationToken);
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        Days = await db.FairDays.AsNoTracking()
            .Where(d => d.Status == FairDayStatus.Scheduled && d.BookingOpensAtUtc <= now && now < d.BookingClosesAtUtc
                && (all || ids.Contains(d.FairSeries!.OrganizerMunicipalityId) || ids.Contains(d.Venue!.MunicipalityId))
                && !db.Bookings.Any(b => b.FairDayId == d.Id && b.ProducerId == producerId && b.Status != BookingStatus.Cancelled))
            .OrderBy(d => d.StartsAtUtc)
            .Take(DaysListed)
            .Select(d => new BookableDay(d.Id, d.Date, d.StartTime, d.FairSeries!.Name, d.Venue!.Name,
                db.Stalls.Count(s => s.VenueId == d.VenueId && !s.IsRetired)
                - db.Bookings.Count(b => b.FairDayId == d.Id && b.StallId != null && Booking.HoldingStatuses.Contains(b.Status))))
            .ToListAsync(cancellationToken);
    }
}
