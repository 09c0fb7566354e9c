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

    // Audit rows of added entities, waiting for the keys the database gives them.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<(AuditEntry Row, EntityEntry Entry)>> _added = [];

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

    private void Record(DbContext? context)
    {
        var user = http.HttpContext?.User;
        if (context is null || user is null || !(user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin)))
        {
            return;
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return;
        }
        var userName = user.Identity?.Name ?? userId;
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
            if (action == AuditAction.Added)
            {
                _added.GetOrCreateValue(context).Add((row, entry));
            }
        }
    }

    private bool CompleteKeys(DbContext? context)
    {
        if (context is null || !_added.TryGetValue(context, out var pending))
        {
            return false;
        }
        _added.Remove(context);
        foreach (var (row, entry) in pending)
        {
            row.EntityId = KeyOf(entry);
        }
        return pending.Count > 0;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties
            .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
}
