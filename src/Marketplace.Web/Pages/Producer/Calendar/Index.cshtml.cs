using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Producers;
using Marketplace.Web.Pages.ProducerArea.Bookings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.ProducerArea.Calendar;

/// <summary>The producer's private calendar feed: its subscribe address, and revoking it.</summary>
public class IndexModel(MarketplaceDbContext db, CalendarFeedTokens tokens, SiteUrl site) : PageModel
{
    public FeedLinks? Feed { get; private set; }
    public BookingNotice? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var producerId = await SignedInProducer.IdAsync(db, User, cancellationToken);
        if (producerId is { } id)
        {
            Feed = FeedLinks.For(site, await tokens.EnsureAsync(id, cancellationToken));
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
        await tokens.ReplaceAsync(id, cancellationToken);
        new BookingNotice("Feed.Revoked").Store(TempData);
        return Redirect("/Producer/Calendar");
    }
}
