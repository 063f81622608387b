// Package inventory tracks stock per item in Postgres, with Redis as a cache-aside cache.
package inventory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/redis/go-redis/v9"
)

const stockTTL = 5 * time.Minute

// ErrOutOfStock is returned when a reservation asks for more than is in stock.
var ErrOutOfStock = errors.New("inventory: not enough stock")

type Service struct {
	db  *sql.DB
	rdb *redis.Client
}

func NewService(db *sql.DB, rdb *redis.Client) *Service {
	return &Service{db: db, rdb: rdb}
}

// GetStock is a correct cache-aside read: it serves the cached quantity, otherwise reads the
// row and fills the cache with a TTL. A Redis outage degrades to database reads.
func (s *Service) GetStock(ctx context.Context, itemID int64) (int64, error) {
	key := fmt.Sprintf("stock:%d", itemID)
	cached, err := s.rdb.Get(ctx, key).Int64()
	if err == nil {
		return cached, nil
	}
	if !errors.Is(err, redis.Nil) {
		log.Printf("inventory: cache read %s: %v", key, err)
	}
	var quantity int64
	err = s.db.QueryRowContext(ctx, "SELECT quantity FROM stock WHERE item_id = $1", itemID).Scan(&quantity)
	if err != nil {
		return 0, fmt.Errorf("inventory: read stock of item %d: %w", itemID, err)
	}
	if err := s.rdb.Set(ctx, key, quantity, stockTTL).Err(); err != nil {
		log.Printf("inventory: cache fill %s: %v", key, err)
	}
	return quantity, nil
}

// Reserve takes quantity units of an item out of stock.
func (s *Service) Reserve(ctx context.Context, itemID, quantity int64) error {
	key := fmt.Sprintf("stock:%d", itemID)
	// BUG: deletes the key BEFORE the database write. A GetStock that runs between this Del
	// and the UPDATE misses, reads the old quantity and caches it for stockTTL (stale-set race).
	if err := s.rdb.Del(ctx, key).Err(); err != nil {
		return fmt.Errorf("inventory: invalidate %s: %w", key, err)
	}
	res, err := s.db.ExecContext(ctx,
		"UPDATE stock SET quantity = quantity - $1 WHERE item_id = $2 AND quantity >= $1", quantity, itemID)
	if err != nil {
		return fmt.Errorf("inventory: reserve item %d: %w", itemID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return ErrOutOfStock
	}
	return nil
}

// Restock adds quantity units of an item to stock.
func (s *Service) Restock(ctx context.Context, itemID, quantity int64) error {
	_, err := s.db.ExecContext(ctx,
		"UPDATE stock SET quantity = quantity + $1 WHERE item_id = $2", quantity, itemID)
	if err != nil {
		return fmt.Errorf("inventory: restock item %d: %w", itemID, err)
	}
	// Correct: deletes the key AFTER the write, so any read that starts later loads the new
	// quantity. The remaining race (a read that began before the UPDATE and fills after this
	// Del) is far narrower, and stockTTL bounds it.
	key := fmt.Sprintf("stock:%d", itemID)
	if err := s.rdb.Del(ctx, key).Err(); err != nil {
		return fmt.Errorf("inventory: invalidate %s: %w", key, err)
	}
	return nil
}
