using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Admin;

/// <summary>
/// E-mails with problems: failed for good, or pending after at least one failed attempt, newest
/// first. A failed one can be sent again: it goes back to the queue with a fresh set of attempts.
/// </summary>
public class OutboxModel(MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> text)
    : PageModel
{
    public const int MaxRows = 200;

    /// <summary>The filter as given (<c>Failed</c> or <c>Pending</c>); anything else shows both.</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>More messages match than the page shows.</summary>
    public bool Truncated { get; private set; }

    public OutboxStatus? Filter => Status?.Trim().ToLowerInvariant() switch
    {
        "failed" => OutboxStatus.Failed,
        "pending" => OutboxStatus.Pending,
        _ => null,
    };

    public sealed record Row(Guid Id, string ToAddress, string Subject, string Kind, OutboxStatus Status,
        DateTime CreatedAtUtc, int Attempts, DateTime NextAttemptAtUtc, string? LastError);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A retried message keeps its last error, so it stays listed until it is sent.
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Failed
            || (m.Status == OutboxStatus.Pending && (m.Attempts > 0 || m.LastError != null)));
        if (Filter is { } status)
        {
            query = query.Where(m => m.Status == status);
        }
        var rows = await query
            .OrderByDescending(m => m.CreatedAtUtc).ThenBy(m => m.Id)
            .Take(MaxRows + 1)
            .Select(m => new Row(m.Id, m.ToAddress, m.Subject, m.Kind, m.Status, m.CreatedAtUtc, m.Attempts,
                m.NextAttemptAtUtc, m.LastError))
            .ToListAsync(cancellationToken);
        Truncated = rows.Count > MaxRows;
        Rows = Truncated ? rows[..MaxRows] : rows;
    }

    /// <summary>"Send again": a failed message goes back to pending, due now, with no attempts.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new { m.ToAddress, m.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Conditional, like the sender's claim: a message that changed meanwhile is left alone.
        // The last error stays, so the administrator still sees why it had failed.
        var changed = message.Status == OutboxStatus.Failed
            && await db.OutboxMessages
                .Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Pending)
                    .SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.NextAttemptAtUtc, now), cancellationToken) == 1;
        StatusMessage = changed
            ? text["Admin.Outbox.Retried", message.ToAddress]
            : text["Admin.Outbox.NotFailed"];
        return RedirectToPage(new { status = Filter?.ToString() });
    }
}
