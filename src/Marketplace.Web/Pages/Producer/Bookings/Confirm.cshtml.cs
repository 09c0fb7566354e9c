using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>
/// Step 2 of booking: the fee is shown before anything is booked (GET); the POST asks the booking
/// desk and redirects to what became of the request, so a refresh never books twice, and a second
/// click of the button gets the desk's "already booked" answer, shown as the existing booking.
/// </summary>
public class ConfirmModel(MarketplaceDbContext db, BookingDesk desk, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "day")]
    public int DayId { get; set; }

    /// <summary>The chosen stall, or null for "any suitable stall".</summary>
    [BindProperty(SupportsGet = true, Name = "stall")]
    public int? StallId { get; set; }

    /// <summary>Every upcoming bookable day of the series, any suitable stall.</summary>
    [BindProperty(SupportsGet = true, Name = "series")]
    public bool Series { get; set; }

    public FairDay Day { get; private set; } = null!;
    public bool HasProducer { get; private set; }
    public string? StallCode { get; private set; }
    public FeeQuote? Quote { get; private set; }
    /// <summary>The series' days a series booking would ask for (the desk has the last word).</summary>
    public IReadOnlyList<FairDay> SeriesDays { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await FairDayHeader.FindAsync(db, DayId, cancellationToken) is not { } day)
        {
            return NotFound();
        }
        Day = day;
        if (Series)
        {
            StallId = null;
        }
        if (StallId is { } stallId)
        {
            StallCode = await db.Stalls.AsNoTracking()
                .Where(s => s.Id == stallId && s.VenueId == day.VenueId && !s.IsRetired)
                .Select(s => s.Code)
                .SingleOrDefaultAsync(cancellationToken);
            if (StallCode is null)
            {
                return NotFound();
            }
        }
        var producerId = await SignedInProducer.IdAsync(db, User, cancellationToken);
        HasProducer = producerId is not null;
        if (producerId is null)
        {
            return Page();
        }
        if (Series)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            SeriesDays = await db.FairDays.AsNoTracking()
                .Include(d => d.Venue)
                .Where(d => d.FairSeriesId == day.FairSeriesId && d.Status == FairDayStatus.Scheduled
                    && d.BookingOpensAtUtc <= now && d.BookingClosesAtUtc > now
                    && !db.Bookings.Any(b => b.FairDayId == d.Id && b.ProducerId == producerId && b.Status != BookingStatus.Cancelled))
                .OrderBy(d => d.StartsAtUtc)
                .ToListAsync(cancellationToken);
        }
        try
        {
            Quote = await desk.QuoteAsync(DayId, producerId.Value, StallId, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The booking itself refuses an erased producer, so the cookie's producer id will do.
        var producerId = await SignedInProducer.ClaimedIdAsync(db, User, cancellationToken);
        if (producerId is null)
        {
            return RedirectToPage(new { day = DayId, stall = StallId, series = Series });
        }
        if (Series)
        {
            var seriesId = await db.FairDays.Where(d => d.Id == DayId).Select(d => (int?)d.FairSeriesId)
                .SingleOrDefaultAsync(cancellationToken);
            if (seriesId is null)
            {
                return NotFound();
            }
            var outcomes = await desk.BookSeriesAsync(seriesId.Value, producerId.Value, cancellationToken);
            SeriesOutcomes.Store(TempData, outcomes);
            return Redirect("/Producer#series-outcome");
        }

        var outcome = await desk.BookAsync(new BookingRequest(DayId, producerId.Value, StallId), cancellationToken);
        switch (outcome.Kind)
        {
            case BookingOutcomeKind.Confirmed or BookingOutcomeKind.Requested or BookingOutcomeKind.Waitlisted
                when outcome.BookingId is { } id:
                // The booking's page tells what became of it from the booking itself: no TempData
                // cookie to seal here and to open there (a fifth of a storm's post, measured).
                return Redirect(BookingNotice.NewBookingPath(id));
            case BookingOutcomeKind.StallTaken:
                new BookingNotice("Outcome.StallTaken", IsProblem: true).Store(TempData);
                TempData[NewModel.StallTakenCodesKey] = string.Join(',', outcome.FreeStallCodes ?? []);
                return Redirect($"/Producer/Bookings/New?day={DayId}");
            case BookingOutcomeKind.Refused when outcome.Refusal == BookingRefusal.AlreadyBooked:
                var existing = await db.Bookings.AsNoTracking()
                    .Where(b => b.FairDayId == DayId && b.ProducerId == producerId && b.Status != BookingStatus.Cancelled)
                    .OrderByDescending(b => b.Id)
                    .Select(b => (int?)b.Id)
                    .FirstOrDefaultAsync(cancellationToken);
                new BookingNotice("Refusal.AlreadyBooked", IsProblem: true).Store(TempData);
                return Redirect(existing is { } existingId ? $"/Producer/Bookings/{existingId}" : $"/Producer/Bookings/New?day={DayId}");
            case BookingOutcomeKind.Refused when outcome.Refusal == BookingRefusal.UnknownFairDay:
                return NotFound();
            default:
                new BookingNotice("Refusal." + (outcome.Refusal?.ToString() ?? "Other"), IsProblem: true).Store(TempData);
                return Redirect($"/Producer/Bookings/New?day={DayId}");
        }
    }
}
