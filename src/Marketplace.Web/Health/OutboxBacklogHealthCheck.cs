using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Health;

/// <summary>
/// Reports mail waiting too long: degraded (not down) when messages are overdue by more than
/// 15 minutes or have failed for good, since the site still serves while mail is late.
/// </summary>
public sealed class OutboxBacklogHealthCheck(MarketplaceDbContext db, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var overdueSince = clock.GetUtcNow().UtcDateTime.AddMinutes(-15);
        var pending = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending, cancellationToken);
        var overdue = await db.OutboxMessages.CountAsync(
            m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc < overdueSince, cancellationToken);
        var failed = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);
        var data = new Dictionary<string, object> { ["pending"] = pending, ["overdue"] = overdue, ["failed"] = failed };
        return overdue > 0 || failed > 0
            ? HealthCheckResult.Degraded($"{overdue} overdue, {failed} failed e-mail(s).", data: data)
            : HealthCheckResult.Healthy($"{pending} e-mail(s) waiting.", data);
    }
}
