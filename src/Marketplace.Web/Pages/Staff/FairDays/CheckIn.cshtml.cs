using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.FairDays;

/// <summary>
/// The check-in list of one fair day, made for a phone at the entrance and for paper: every
/// booking holding a stall, with buttons to mark it checked-in or no-show and to settle the fee
/// (cash against a receipt number, or waived). Host-municipality staff see it read-only.
/// </summary>
public class CheckInModel(MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<OperationsResource> text)
    : PageModel
{
    public ManagedFairDay Day { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The booking whose receipt field answered with an error.</summary>
    public int? FailedId { get; private set; }

    [BindProperty(Name = "Receipt")]
    public string? Receipt { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed record Row(int BookingId, string? Stall, int ProducerId, string Producer, string? Phone,
        BookingStatus Status, decimal Fee, bool FeeWaived, DateTime? FeeSettledAtUtc, string? Receipt,
        decimal? Collected, int NoShows);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostCheckInAsync(int id, int bookingId, CancellationToken cancellationToken) =>
        ChangeAsync(id, bookingId, (b, now) => b.CheckIn(now), "CheckIn.Done.CheckedIn", cancellationToken);

    public Task<IActionResult> OnPostNoShowAsync(int id, int bookingId, CancellationToken cancellationToken) =>
        ChangeAsync(id, bookingId, (b, now) => b.MarkNoShow(now), "CheckIn.Done.NoShow", cancellationToken);

    public Task<IActionResult> OnPostWaiveAsync(int id, int bookingId, CancellationToken cancellationToken) =>
        ChangeAsync(id, bookingId, (b, now) => b.WaiveFee(now), "CheckIn.Done.Waived", cancellationToken);

    public async Task<IActionResult> OnPostPaidAsync(int id, int bookingId, CancellationToken cancellationToken)
    {
        var receipt = Receipt?.Trim();
        if (string.IsNullOrEmpty(receipt))
        {
            ModelState.AddModelError(nameof(Receipt), text["Validation.Required", text["CheckIn.Receipt"]]);
        }
        else if (receipt.Length > Booking.MaxReceiptNumberLength)
        {
            ModelState.AddModelError(nameof(Receipt),
                text["Validation.MaxLength", text["CheckIn.Receipt"], Booking.MaxReceiptNumberLength]);
        }
        if (!ModelState.IsValid)
        {
            if (!await LoadAsync(id, cancellationToken) || Rows.All(r => r.BookingId != bookingId))
            {
                return NotFound();
            }
            FailedId = bookingId;
            return Page();
        }
        return await ChangeAsync(id, bookingId, (b, now) => b.RecordCashPayment(receipt!, now), "CheckIn.Done.Paid",
            cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync(int id, int bookingId, Action<Booking, DateTime> change,
        string doneMessage, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var day = await ManagedFairDay.FindAsync(db, scope, id, cancellationToken);
        if (day is null)
        {
            return NotFound();
        }
        if (!day.CanManage)
        {
            return Forbid();
        }
        var attending = Booking.AttendanceStatuses.ToList();
        var booking = await db.Bookings.SingleOrDefaultAsync(
            b => b.Id == bookingId && b.FairDayId == id && attending.Contains(b.Status), cancellationToken);
        if (booking is null)
        {
            return NotFound();
        }
        try
        {
            change(booking, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            StatusMessage = text[doneMessage];
        }
        catch (InvalidOperationException)
        {
            StatusMessage = text["CheckIn.NotPossible"];
        }
        catch (DbUpdateConcurrencyException)
        {
            StatusMessage = text["CheckIn.ChangedMeanwhile"];
        }
        return Redirect($"/Staff/FairDays/{id}/CheckIn#booking-{bookingId}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var day = await ManagedFairDay.FindAsync(db, scope, id, cancellationToken);
        if (day is null)
        {
            return false;
        }
        Day = day;
        var attending = Booking.AttendanceStatuses.ToList();
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.FairDayId == id && attending.Contains(b.Status))
            .OrderBy(b => b.Stall!.Code).ThenBy(b => b.Producer!.DisplayName)
            .Select(b => new Row(b.Id, b.Stall!.Code, b.ProducerId, b.Producer!.DisplayName, b.Producer.Phone, b.Status,
                b.FeeAmount, b.IsFeeWaived, b.FeeSettledAtUtc, b.FeeReceiptNumber, b.FeeCollectedAmount, 0))
            .ToListAsync(cancellationToken);
        var counts = await NoShowCount.ForAsync(db, rows.Select(r => r.ProducerId), cancellationToken);
        Rows = rows.Select(r => r with { NoShows = counts.GetValueOrDefault(r.ProducerId) }).ToList();
        return true;
    }
}
