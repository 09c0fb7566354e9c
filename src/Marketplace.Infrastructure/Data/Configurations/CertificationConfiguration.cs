using Marketplace.Domain.Certifications;
using Marketplace.Domain.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> builder)
    {
        builder.Property(c => c.Certifier).HasMaxLength(160);
        builder.Property(c => c.Code).HasMaxLength(80);
        builder.Property(c => c.GroupName).HasMaxLength(160);
        builder.Property(c => c.DecisionReason).HasMaxLength(500);
        builder.Property(c => c.DecidedByUserId).HasMaxLength(450);
        builder.HasIndex(c => new { c.ProducerId, c.Status });
        builder.HasIndex(c => new { c.Status, c.ValidTo });
        builder.HasOne(c => c.Producer).WithMany()
            .HasForeignKey(c => c.ProducerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StoredFile>().WithMany()
            .HasForeignKey(c => c.DocumentFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
