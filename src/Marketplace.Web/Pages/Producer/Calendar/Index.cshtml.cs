using Marketplace.Infrastructure.Data;
using Marketplace.Web.Pages.ProducerArea.Bookings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.ProducerArea.Calendar;

/// <summary>The producer's private calendar feed: its subscribe address, and revoking it.</summary>
public class IndexModel(MarketplaceDbContext db) : PageModel
{
    public FeedLinks? Feed { get; private set; }
    public BookingNotice? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var producerId = await SignedInProducer.IdAsync(db, User, cancellationToken);
        if (producerId is { } id)
        {
            Feed = FeedLinks.For(Request, await CalendarToken.EnsureAsync(db, id, cancellationToken));
        }
        Notice = BookingNotice.Take(TempData);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        if (await SignedInProducer.IdAsync(db, User, cancellationToken) is not { } id)
        {
            return NotFound();
        }
        await CalendarToken.ReplaceAsync(db, id, cancellationToken);
        new BookingNotice("Feed.Revoked").Store(TempData);
        return Redirect("/Producer/Calendar");
    }
}
