using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>Step 1 of booking a fair day: choose a free stall or "any suitable stall".</summary>
public class NewModel(MarketplaceDbContext db, TimeProvider clock) : PageModel
{
    public Domain.Fairs.FairDay Day { get; private set; } = null!;
    public StallPicker Picker { get; private set; } = null!;
    public BookingNotice? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int day, int? stall, bool series, CancellationToken cancellationToken)
    {
        if (await FairDayHeader.FindAsync(db, day, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Day = found;
        Notice = BookingNotice.Take(TempData);
        var producerId = await SignedInProducer.IdAsync(db, User, cancellationToken);
        var picker = await StallPicker.LoadAsync(db, found, producerId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        Picker = picker with
        {
            SelectedStallId = stall,
            SelectedSeries = series,
            FreeStallCodesReported = TempData[StallTakenCodesKey] is string codes ? codes.Split(',') : [],
        };
        return Page();
    }

    /// <summary>TempData key of the free stall codes reported with a "stall taken" answer.</summary>
    public const string StallTakenCodesKey = "BookingFreeStalls";
}
