using Marketplace.Domain.Fairs.Imports;
using Marketplace.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class FairDayImportConfiguration : IEntityTypeConfiguration<FairDayImport>
{
    public void Configure(EntityTypeBuilder<FairDayImport> builder)
    {
        // No foreign key to the user: an import stays on record after its author's account goes.
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.FileName).HasMaxLength(200);
        builder.Ignore(i => i.IsFinished);
        builder.Ignore(i => i.PercentDone);
        builder.HasIndex(i => new { i.Status, i.LeaseUntilUtc });
        builder.HasIndex(i => new { i.MunicipalityId, i.CreatedAtUtc });
        builder.HasOne<Municipality>().WithMany()
            .HasForeignKey(i => i.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Problems).WithOne()
            .HasForeignKey(p => p.FairDayImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class FairDayImportProblemConfiguration : IEntityTypeConfiguration<FairDayImportProblem>
{
    public void Configure(EntityTypeBuilder<FairDayImportProblem> builder)
    {
        builder.Property(p => p.Value).HasMaxLength(FairDayImportProblem.MaxValueLength);
        builder.HasIndex(p => new { p.FairDayImportId, p.Line });
    }
}
