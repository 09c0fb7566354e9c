using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Admin;

/// <summary>Administrator home: how the outgoing mail is doing, and the way to the job dashboard.</summary>
public class IndexModel(MarketplaceDbContext db, TimeProvider clock) : PageModel
{
    public int Pending { get; private set; }
    public int Failed { get; private set; }
    public int SentLastDay { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-24);
        Pending = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending, cancellationToken);
        Failed = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);
        SentLastDay = await db.OutboxMessages.CountAsync(
            m => m.Status == OutboxStatus.Sent && m.SentAtUtc >= since, cancellationToken);
    }
}
