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
        RenewVersions();
        var renamed = RenamedProducers();
        if (renamed.Count > 0)
        {
            KeepSearchTerms(renamed, ExistingTerms(renamed).ToList());
        }
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewVersions();
        var renamed = RenamedProducers();
        if (renamed.Count > 0)
        {
            KeepSearchTerms(renamed, await ExistingTerms(renamed).ToListAsync(cancellationToken));
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Producers being added, or whose name's search form is being changed, in this save.</summary>
    private List<Producer> RenamedProducers() =>
        // Entries() detects changes first (unless a caller turned that off for a save that only adds).
        ChangeTracker.Entries<Producer>()
            .Where(e => e.State == EntityState.Added
                || (e.State == EntityState.Modified && e.Property(p => p.SearchName).IsModified))
            .Select(e => e.Entity)
            .ToList();

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

    private void RenewVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }
    }
}
