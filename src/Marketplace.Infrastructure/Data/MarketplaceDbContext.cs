using Marketplace.Domain.Audit;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Files;
using Marketplace.Domain.Notices;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Fairs.Imports;
using Marketplace.Domain.Mail;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Regions;
using Marketplace.Domain.Staff;
using Marketplace.Domain.Subscriptions;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Data;

/// <summary>The one database of the site, Identity included, on SQLite or SQL Server.</summary>
public class MarketplaceDbContext(DbContextOptions<MarketplaceDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Corridor> Corridors => Set<Corridor>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<Stall> Stalls => Set<Stall>();
    public DbSet<FairSeries> FairSeries => Set<FairSeries>();
    public DbSet<FairSeriesStop> FairSeriesStops => Set<FairSeriesStop>();
    public DbSet<FairDay> FairDays => Set<FairDay>();
    public DbSet<Producer> Producers => Set<Producer>();
    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();
    public DbSet<ProducerProduct> ProducerProducts => Set<ProducerProduct>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<StaffMembership> StaffMemberships => Set<StaffMembership>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<SeedRecord> SeedRecords => Set<SeedRecord>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<SeriesMembership> SeriesMemberships => Set<SeriesMembership>();
    public DbSet<SeriesFee> SeriesFees => Set<SeriesFee>();
    public DbSet<BookingItem> BookingItems => Set<BookingItem>();
    public DbSet<PhoneNotice> PhoneNotices => Set<PhoneNotice>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<FairDayImport> FairDayImports => Set<FairDayImport>();
    public DbSet<FairDayImportProblem> FairDayImportProblems => Set<FairDayImportProblem>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<ProducerSearchTerm> ProducerSearchTerms => Set<ProducerSearchTerm>();

    /// <summary>
    /// SQL Server compares the search terms in code-point order, as SQLite does: a prefix is
    /// looked up as a range of terms (<see cref="Domain.Search.SearchText.PrefixRange"/>), and
    /// a linguistic collation would order (and equate) words differently from SQLite.
    /// </summary>
    public const string SqlServerBinaryCollation = "Latin1_General_100_BIN2";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDbContext).Assembly);
        if (Database.IsSqlServer())
        {
            builder.Entity<ProducerSearchTerm>().Property(t => t.Term).UseCollation(SqlServerBinaryCollation);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var renamed = PrepareSave();
        if (renamed.Count > 0)
        {
            KeepSearchTerms(renamed, ExistingTerms(renamed).ToList());
        }
        return WithoutSecondDetection(() => base.SaveChanges(acceptAllChangesOnSuccess));
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var renamed = PrepareSave();
        if (renamed.Count > 0)
        {
            KeepSearchTerms(renamed, await ExistingTerms(renamed).ToListAsync(cancellationToken));
        }
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>
    /// EF's save would detect changes again, walking every tracked entity a second time; nothing
    /// changed since <see cref="PrepareSave"/> detected them except through the tracker's own calls
    /// (added terms, versions set on the entries), which it records as they happen.
    /// </summary>
    private int WithoutSecondDetection(Func<int> save)
    {
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return save();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>
    /// One pass over the tracked entities (one change detection, unless a caller turned it off for a
    /// save that only adds): a new <see cref="IVersioned.Version"/> for each added or modified
    /// row, and the producers being added or whose name's search form changes, whose terms the
    /// same save keeps.
    /// </summary>
    private List<Producer> PrepareSave()
    {
        var renamed = new List<Producer>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            if (entry.Entity is IVersioned)
            {
                entry.Property(nameof(IVersioned.Version)).CurrentValue = Guid.NewGuid();
            }
            if (entry.Entity is Producer producer
                && (entry.State == EntityState.Added || entry.Property(nameof(Producer.SearchName)).IsModified))
            {
                renamed.Add(producer);
            }
        }
        return renamed;
    }

    /// <summary>The stored terms of the renamed producers that exist already (read in this save's connection).</summary>
    private IQueryable<ProducerSearchTerm> ExistingTerms(List<Producer> renamed)
    {
        var ids = renamed.Where(p => p.Id > 0).Select(p => p.Id).ToList();
        return ProducerSearchTerms.Where(t => ids.Contains(t.ProducerId));
    }

    /// <summary>Makes each renamed producer's stored terms those of its name, in the same save.</summary>
    private void KeepSearchTerms(List<Producer> renamed, List<ProducerSearchTerm> existing)
    {
        var stored = existing.ToLookup(t => t.ProducerId);
        foreach (var producer in renamed)
        {
            var wanted = ProducerSearchTerm.Of(producer.SearchName);
            var kept = producer.Id > 0 ? stored[producer.Id].ToList() : [];
            foreach (var term in kept.Where(t => !wanted.Contains(t.Term)))
            {
                ProducerSearchTerms.Remove(term);
            }
            foreach (var term in wanted.Except(kept.Select(t => t.Term)))
            {
                ProducerSearchTerms.Add(new ProducerSearchTerm { Producer = producer, ProducerId = producer.Id, Term = term });
            }
        }
    }
}
