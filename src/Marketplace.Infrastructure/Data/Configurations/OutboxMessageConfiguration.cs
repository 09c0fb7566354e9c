using Marketplace.Domain.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.ToAddress).HasMaxLength(256);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Culture).HasMaxLength(10);
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.ListUnsubscribe).HasMaxLength(1000);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
    }
}
