using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Health;

/// <summary>
/// Reports the mail backlog: how many wait, how old the oldest is, how many failed for good.
/// Degraded (not down) when the oldest waits longer than <c>Mail:BacklogAlertAfter</c> or any
/// message failed, since the site still serves while mail is late.
/// </summary>
public sealed class OutboxBacklogHealthCheck(MarketplaceDbContext db, TimeProvider clock, IOptions<MailOptions> options)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending);
        var count = await pending.CountAsync(cancellationToken);
        var oldest = await pending.OrderBy(m => m.CreatedAtUtc).Select(m => (DateTime?)m.CreatedAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        var failed = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);
        var age = oldest is null ? TimeSpan.Zero : now - oldest.Value;
        var data = new Dictionary<string, object>
        {
            ["pending"] = count,
            ["oldestPendingSeconds"] = (long)age.TotalSeconds,
            ["failed"] = failed,
        };
        if (age > options.Value.BacklogAlertAfter || failed > 0)
        {
            return HealthCheckResult.Degraded(
                $"{count} e-mail(s) waiting, the oldest for {age:d\\.hh\\:mm\\:ss}; {failed} failed.", data: data);
        }
        return HealthCheckResult.Healthy($"{count} e-mail(s) waiting.", data);
    }
}
