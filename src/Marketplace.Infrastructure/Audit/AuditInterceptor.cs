using System.Security.Claims;
using Marketplace.Domain.Audit;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Infrastructure.Audit;

/// <summary>
/// Records every change a staff member or administrator makes, in a request, to series, their
/// routes and fees, fair days, venues, stalls, bookings and certifications — in the same save as
/// the change, so pages never need to remember it. Jobs and producers are not audited here.
/// A row that is added gets its key only once saved, so its audit row is completed right after.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public static readonly IReadOnlySet<Type> AuditedTypes = new HashSet<Type>
    {
        typeof(FairSeries), typeof(FairSeriesStop), typeof(SeriesFee), typeof(FairDay), typeof(Venue), typeof(Stall),
        typeof(Booking), typeof(Certification),
    };

    // The audit rows of the save in progress; for an added entity, its entry, whose key the database gives.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<(AuditEntry Row, EntityEntry? Added)>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (CompleteKeys(eventData.Context))
        {
            eventData.Context!.SaveChanges();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (CompleteKeys(eventData.Context))
        {
            await eventData.Context!.SaveChangesAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>A failed save must not leave its audit rows behind for the caller's next attempt.</summary>
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        _pending.Remove(context);
        foreach (var (row, _) in pending)
        {
            context.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>True when what is saved now is audited: a staff member's or an administrator's request.</summary>
    public bool RecordsCurrentRequest => Auditor() is not null;

    /// <summary>Who the changes saved now are recorded for, if anyone.</summary>
    private (string UserId, string UserName)? Auditor()
    {
        var user = http.HttpContext?.User;
        if (user is null || !(user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin)))
        {
            return null;
        }
        return user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? (userId, user.Identity?.Name ?? userId) : null;
    }

    private void Record(DbContext? context)
    {
        if (context is null || Auditor() is not { } auditor)
        {
            return;
        }
        var (userId, userName) = auditor;
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = context.ChangeTracker.Entries()
            .Where(e => AuditedTypes.Contains(e.Entity.GetType())
                && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Added,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Modified,
            };
            var values = entry.Properties
                .Where(p => p.Metadata.Name != nameof(Booking.Version) && !p.Metadata.IsPrimaryKey()
                    && (action != AuditAction.Modified || p.IsModified))
                .Select(p => new AuditedValue(p.Metadata.Name,
                    action == AuditAction.Added ? null : p.OriginalValue,
                    action == AuditAction.Deleted ? null : p.CurrentValue))
                .ToList();
            var changes = AuditChanges.Describe(action, values);
            if (action == AuditAction.Modified && changes.Length == 0)
            {
                continue;
            }
            var row = new AuditEntry
            {
                AtUtc = now,
                UserId = userId,
                UserName = userName,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = KeyOf(entry),
                Action = action,
                Changes = changes,
            };
            context.Add(row);
            _pending.GetOrCreateValue(context).Add((row, action == AuditAction.Added ? entry : null));
        }
    }

    private bool CompleteKeys(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return false;
        }
        _pending.Remove(context);
        var added = pending.Where(p => p.Added is not null).ToList();
        foreach (var (row, entry) in added)
        {
            row.EntityId = KeyOf(entry!);
        }
        return added.Count > 0;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties
            .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
}
