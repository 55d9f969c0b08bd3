package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/sealpeek/sealpeek/internal/termtext"
)

// lineWork turns one input line into one output record appended to out,
// and says whether the record is a success.
type lineWork func(line []byte, number int, out []byte) ([]byte, bool)

// batch is a run of consecutive lines, processed by one worker.
type batch struct {
	first int      // the line number of lines[0], from 1
	lines [][]byte // slices of arena
	arena []byte
	out   []byte
	fails int
	done  chan struct{}
}

// Batches trade latency for throughput: large enough that handing one to a
// worker costs little next to the work in it, small enough that results
// stream and memory stays bounded at a few batches per worker.
const (
	batchLines = 256
	batchBytes = 256 << 10
)

// forEachLine applies work to every line of r on every core and writes the
// records to w in input order as soon as each batch is done. Memory stays
// bounded: at most a few batches per worker are in flight. A final newline
// does not start another line; an empty line in the middle is a line.
func forEachLine(r io.Reader, w io.Writer, work lineWork) (lines, fails int, err error) {
	workers := runtime.GOMAXPROCS(0)
	todo := make(chan *batch, workers)
	inOrder := make(chan *batch, 2*workers)
	// Written batches are re-used, buffers and all: a batch's output grows
	// to its size once, not once per batch.
	free := make(chan *batch, 3*workers+1)
	get := func(first int) *batch {
		select {
		case b := <-free:
			b.first, b.lines, b.arena, b.out, b.fails, b.done = first, b.lines[:0], b.arena[:0], b.out[:0], 0, make(chan struct{})
			return b
		default:
			return newBatch(first)
		}
	}
	for range workers {
		go func() {
			for b := range todo {
				for i, line := range b.lines {
					var ok bool
					b.out, ok = work(line, b.first+i, b.out)
					if !ok {
						b.fails++
					}
				}
				close(b.done)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(todo)
		defer close(inOrder)
		readErr <- readBatches(r, get, func(b *batch) {
			todo <- b
			inOrder <- b
		})
	}()
	var writeErr error
	for b := range inOrder {
		<-b.done
		lines += len(b.lines)
		fails += b.fails
		if writeErr == nil {
			_, writeErr = w.Write(b.out)
		}
		select {
		case free <- b:
		default:
		}
	}
	if err = <-readErr; err == nil && writeErr != nil {
		err = writeError{writeErr}
	}
	return lines, fails, err
}

// readBatches cuts r into batches of lines, got from get, and hands each to
// emit.
func readBatches(r io.Reader, get func(first int) *batch, emit func(*batch)) error {
	br := bufio.NewReaderSize(r, 1<<20)
	next := 1
	b := get(next)
	for {
		line, err := readLine(br, next)
		if len(line) > 0 || err == nil {
			start := len(b.arena)
			b.arena = append(b.arena, line...)
			b.lines = append(b.lines, b.arena[start:len(b.arena):len(b.arena)])
			next++
		}
		if len(b.lines) == batchLines || len(b.arena) >= batchBytes || (err != nil && len(b.lines) > 0) {
			emit(b)
			b = get(next)
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func newBatch(first int) *batch {
	return &batch{first: first, done: make(chan struct{}), arena: make([]byte, 0, 32<<10)}
}

// readLine returns line number's text without its "\n" or "\r\n". A line
// longer than termtext.MaxInputSize is an error naming it; the arena copies out of
// br's buffer.
func readLine(br *bufio.Reader, number int) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		long := append([]byte(nil), line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if len(long) > termtext.MaxInputSize {
				break
			}
			line, err = br.ReadSlice('\n')
			long = append(long, line...)
		}
		line = long
	}
	if err == nil {
		line = line[:len(line)-1]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
	}
	if len(line) > termtext.MaxInputSize {
		return nil, fmt.Errorf("line %d is longer than %d MiB, the most sealpeek reads as one input", number, termtext.MaxInputSize>>20)
	}
	return line, err
}
